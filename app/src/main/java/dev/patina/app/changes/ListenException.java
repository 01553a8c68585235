package dev.patina.app.changes;

import java.io.IOException;

/** A change listener cannot bind its address (in use, not this host's, a privileged port). */
public final class ListenException extends IOException {
  ListenException(String message, Throwable cause) {
    super(message, cause);
  }
}
