package dev.patina.notify;

/** The SMTP server could not be reached or refused the message; says which server and why. */
public class MailException extends Exception {
  private static final long serialVersionUID = 1L;

  public MailException(String message, Throwable cause) {
    super(message, cause);
  }
}
