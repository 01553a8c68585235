package dev.patina.regex;

/** A user's regex ran past its budget or its thread was interrupted; the message says which pattern. */
public final class RegexStoppedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RegexStoppedException(String message) {
    super(message);
  }
}
