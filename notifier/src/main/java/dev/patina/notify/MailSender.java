package dev.patina.notify;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Sends mail over SMTP with Jakarta Mail; time limits on connect, read and write so it never hangs a run. */
public final class MailSender {
  private final SmtpSettings smtp;
  private final Session session;

  public MailSender(SmtpSettings smtp) {
    this.smtp = smtp;
    Properties p = new Properties();
    String ms = String.valueOf(smtp.timeout().toMillis());
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", String.valueOf(smtp.port()));
    p.setProperty("mail.smtp.connectiontimeout", ms);
    p.setProperty("mail.smtp.timeout", ms);
    p.setProperty("mail.smtp.writetimeout", ms);
    p.setProperty("mail.smtp.auth", String.valueOf(smtp.user() != null));
    switch (smtp.tls()) {
      case "starttls" -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
      }
      case "smtps" -> p.setProperty("mail.smtp.ssl.enable", "true");
      default -> { }
    }
    this.session = Session.getInstance(p);
  }

  Session session() {
    return session;
  }

  /** The message as it will be sent: text and HTML alternatives, UTF-8. */
  public MimeMessage compose(List<String> to, RenderedMail mail) throws MailException {
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(smtp.from()));
      for (String r : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
      m.setSubject(mail.subject(), "UTF-8");
      m.setSentDate(new Date());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), "UTF-8", "html");
      MimeMultipart alt = new MimeMultipart("alternative");
      alt.addBodyPart(text);
      alt.addBodyPart(html);
      m.setContent(alt);
      m.setHeader("X-Mailer", "patina");
      m.saveChanges();
      return m;
    } catch (MessagingException e) {
      throw new MailException("cannot build the message for " + to + ": " + e.getMessage(), e);
    }
  }

  public void send(List<String> to, RenderedMail mail) throws MailException {
    send(compose(to, mail));
  }

  /** Sends a composed message to its recipients. */
  public void send(MimeMessage message) throws MailException {
    try (Transport t = session.getTransport("smtp")) {
      t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
      Address[] recipients = message.getAllRecipients();
      t.sendMessage(message, recipients);
    } catch (MessagingException e) {
      List<String> refused = refusedForGood(e);
      if (!refused.isEmpty()) {
        throw new MailException("SMTP " + smtp.host() + ":" + smtp.port() + " refused the message for good: "
            + String.join("; ", refused), e, true);
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      throw new MailException("SMTP " + smtp.host() + ":" + smtp.port() + " (" + smtp.tls() + "): "
          + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()), e);
    }
  }

  /**
   * The server's 5xx replies that refuse this message itself: to every recipient that failed
   * (RCPT), or to its content (after DATA). Empty when the failure is the server's or ours as a
   * whole (unreachable, 4xx, login, a refused sender), which a later flush may get past.
   */
  static List<String> refusedForGood(MessagingException e) {
    List<String> replies = new ArrayList<>();
    boolean transientToo = false;
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPAddressFailedException a) {
        if (a.getReturnCode() / 100 == 5) replies.add(a.getAddress() + ": " + a.getMessage().strip());
        else transientToo = true;
      } else if (x instanceof SMTPSendFailedException f && f.getReturnCode() / 100 == 5 && f.getCommand() != null && !f.getCommand().regionMatches(true, 0, "MAIL", 0, 4)) {
        replies.add(f.getMessage().strip());
      }
    }
    return transientToo ? List.of() : replies;
  }
}
