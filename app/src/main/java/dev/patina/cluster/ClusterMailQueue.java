package dev.patina.cluster;

import dev.patina.app.run.MailQueue;
import dev.patina.notify.FlushResult;
import dev.patina.notify.MailException;
import dev.patina.notify.MailSender;
import dev.patina.notify.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A cluster run's mail in the database's outbox ({@link ClusterOutbox}): its messages are
 * numbered in the order the run renders them ({@code mail-1}, {@code mail-2}, ...), so a node
 * that repeats a run it took over adds nothing the first owner already queued, and each goes out
 * once, sent by whichever node claims it.
 */
final class ClusterMailQueue implements MailQueue {
  private final ClusterOutbox outbox;
  private final String runId;
  private final MailSender sender;
  private int next;

  ClusterMailQueue(ClusterOutbox outbox, String runId, MailSender sender) {
    this.outbox = outbox;
    this.runId = runId;
    this.sender = sender;
  }

  @Override
  public void submit(List<String> to, RenderedMail mail) throws IOException {
    String kind = "mail-" + (++next);
    try {
      MimeMessage m = sender.compose(to, mail);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      m.writeTo(bytes);
      outbox.add(runId, kind, bytes.toByteArray());
    } catch (MailException | MessagingException | SQLException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public FlushResult flush() {
    return flush(outbox, sender);
  }

  @Override
  public String where() {
    return "the cluster database";
  }

  /**
   * Sends what the cluster's outbox holds, any run's, until it is empty or the server fails: a
   * message the server refuses for good is recorded as handled (and counted as rejected), one it
   * cannot take now stays claimed until its lease runs out and is sent again later.
   */
  static FlushResult flush(ClusterOutbox outbox, MailSender sender) {
    int sent = 0;
    int rejected = 0;
    String lastError = null;
    Session parse = Session.getInstance(new Properties());
    try {
      for (Optional<ClusterOutbox.Message> m = outbox.claim(); m.isPresent(); m = outbox.claim()) {
        try {
          sender.send(new MimeMessage(parse, new ByteArrayInputStream(m.get().payload())));
          outbox.sent(m.get());
          sent++;
        } catch (MailException e) {
          lastError = e.getMessage();
          if (!e.permanent()) return new FlushResult(sent, 1, rejected, lastError);
          outbox.sent(m.get());
          rejected++;
        } catch (MessagingException e) {
          lastError = "run " + m.get().runId() + " " + m.get().kind() + " cannot be read: " + e.getMessage();
          outbox.sent(m.get());
          rejected++;
        }
      }
    } catch (SQLException e) {
      return new FlushResult(sent, -1, rejected, "the cluster database's outbox: " + e.getMessage());
    }
    return new FlushResult(sent, 0, rejected, lastError);
  }
}
