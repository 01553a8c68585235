package dev.patina.collector;

/** A device could not be collected; {@link #kind()} says why (AUTH and HOST_KEY_CHANGED are not worth retrying). */
public class CollectException extends Exception {
  /** Why a collection failed. */
  public enum Kind { CONNECT, AUTH, HOST_KEY_CHANGED, TIMEOUT, DISCONNECTED, INCOMPLETE, COMMAND_FAILED, MODEL, PROTOCOL }

  private final Kind kind;

  public CollectException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CollectException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why it failed. */
  public Kind kind() {
    return kind;
  }
}
