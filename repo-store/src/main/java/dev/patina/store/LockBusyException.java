package dev.patina.store;

/** Another Patina process holds the repository lock and did not let go in time. */
public class LockBusyException extends StoreException {
  private static final long serialVersionUID = 1L;

  public LockBusyException(String message) {
    super(message);
  }
}
