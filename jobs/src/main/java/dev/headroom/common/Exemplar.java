package dev.headroom.common;

import java.io.Serializable;

/**
 * An example ticket shown for a topic: its id and its (masked) text.
 *
 * @param ticketId the ticket's id
 * @param text the ticket's normalized, masked text
 */
public record Exemplar(String ticketId, String text) implements Serializable {}
