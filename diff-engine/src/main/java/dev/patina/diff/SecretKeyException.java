package dev.patina.diff;

import java.io.IOException;

/** The secret key file cannot be used (empty, not hex, too short, unreadable); the message says what to do. */
public final class SecretKeyException extends IOException {
  private static final long serialVersionUID = 1L;

  public SecretKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
