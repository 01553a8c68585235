package dev.patina.collector;

/** A device could not be collected; {@link #kind()} says why (AUTH and HOST_KEY_CHANGED are not worth retrying). */
public class CollectException extends Exception {
  private final FailureKind kind;

  public CollectException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CollectException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why it failed. */
  public FailureKind kind() {
    return kind;
  }
}
