package dev.patina.app.run;

import dev.patina.notify.FlushResult;
import dev.patina.notify.Outbox;
import dev.patina.notify.RenderedMail;
import java.io.IOException;
import java.util.List;

/**
 * Where a run's messages wait until the SMTP server took them: the outbox folder of a single
 * node, or the cluster database's outbox (each message of a run once, whichever node sends it).
 */
public interface MailQueue {
  /** Keeps the message until it is sent. */
  void submit(List<String> to, RenderedMail mail) throws IOException;

  /** Sends what waits. */
  FlushResult flush();

  /** Where the messages wait, for an error message. */
  String where();

  /** The SMTP sender of the {@code mail:} settings. */
  static dev.patina.notify.MailSender sender(dev.patina.inventory.MailSettings mail) {
    return new dev.patina.notify.MailSender(RunMail.smtp(mail));
  }

  /** The outbox folder of a single node. */
  static MailQueue of(Outbox outbox) {
    return new MailQueue() {
      @Override
      public void submit(List<String> to, RenderedMail mail) throws IOException {
        outbox.submit(to, mail);
      }

      @Override
      public FlushResult flush() {
        return outbox.flush();
      }

      @Override
      public String where() {
        return outbox.rejectedDir().getParent().toString();
      }
    };
  }
}
