package dev.patina.web;

/** The web server cannot start as configured; the message says what to change. */
public final class WebConfigException extends Exception {
  public WebConfigException(String message) {
    super(message);
  }
}
