package dev.patina.store;

/** A revision (commit id, {@code HEAD~2}, ...) that the repository does not have. */
public class NoSuchRevisionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public NoSuchRevisionException(String rev) {
    super("no revision \"" + rev + "\" in the repository; `patina log DEVICE` lists them");
  }
}
