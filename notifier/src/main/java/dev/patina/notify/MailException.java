package dev.patina.notify;

/** The SMTP server could not be reached or refused the message; says which server and why. */
public class MailException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean permanent;

  public MailException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public MailException(String message, Throwable cause, boolean permanent) {
    super(message, cause);
    this.permanent = permanent;
  }

  /**
   * True when the server refused this message for good (5xx to its recipients or its content):
   * sending it again cannot help, unlike a server that is down, busy (4xx) or refuses our login.
   */
  public boolean permanent() {
    return permanent;
  }
}
