package dev.headroom.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void aFailureWhoseMessageStartsWithALineBreakStillSaysWhatFailed() {
    RuntimeException spark =
        new IllegalStateException("\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'.\n== SQL ==");
    assertEquals(
        "IllegalStateException: [PARSE_SYNTAX_ERROR] Syntax error at or near 'x'.",
        Errors.oneLine(spark));
    assertEquals(
        "RuntimeException: disk full",
        Errors.oneLine(new RuntimeException("", new RuntimeException("disk full"))));
    assertEquals("IllegalStateException (no message)", Errors.oneLine(new IllegalStateException()));
  }

  @Test
  void badInputReadsAsItsOwnMessage() {
    assertEquals(
        "Config file not found: x", Errors.oneLine(new InputException("Config file not found: x")));
  }
}
