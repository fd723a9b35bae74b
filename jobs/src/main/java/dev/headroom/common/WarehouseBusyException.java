package dev.headroom.common;

/**
 * Another run holds the warehouse's lock ({@link WarehouseLock}); the message names that run, its
 * process and when it was last seen. The command line maps it to exit code 1: nothing was written.
 */
public class WarehouseBusyException extends RuntimeException {

  /** Creates the exception with a message naming the warehouse and the run that holds it. */
  public WarehouseBusyException(String message) {
    super(message);
  }
}
