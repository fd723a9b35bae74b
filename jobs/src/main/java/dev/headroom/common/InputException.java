package dev.headroom.common;

/**
 * Bad input or bad usage: a missing file, a missing column, an invalid config value.
 *
 * <p>The command line maps it to exit code 2; the message names the file, column or key.
 */
public class InputException extends RuntimeException {

  /** Creates the exception with a message that names what is wrong and what to do. */
  public InputException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
