package dev.patina.notify;

import java.time.Duration;

/** The SMTP server: {@code tls} is none, starttls (required, not opportunistic) or smtps; user may be null. */
public record SmtpSettings(String host, int port, String tls, String user, String password, String from,
    Duration timeout) {
  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", tls " + tls + ", user " + user + "]";
  }
}
