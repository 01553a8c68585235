package dev.patina.app.cli;

import dev.patina.app.run.Digests;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.MailSettings;
import dev.patina.inventory.ServiceConfig;
import dev.patina.notify.Digest;
import dev.patina.notify.DigestRenderer;
import dev.patina.notify.FlushResult;
import dev.patina.notify.MailSender;
import dev.patina.notify.Outbox;
import dev.patina.notify.RenderedMail;
import dev.patina.notify.SmtpSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends a run's digests through the durable outbox: kept on disk until the SMTP server took them. */
final class Mailer {
  private Mailer() {}

  static void send(ServiceConfig config, RunResult run, PrintStream out) {
    MailSettings mail = config.mail();
    if (mail == null) return;
    Map<List<String>, Digest> digests = Digests.route(run, mail.to(), hostName());
    Outbox outbox = outbox(config);
    DigestRenderer renderer = new DigestRenderer();
    for (Map.Entry<List<String>, Digest> e : digests.entrySet()) {
      RenderedMail rendered = renderer.render(e.getValue(), mail.maxBytes());
      try {
        outbox.submit(e.getKey(), rendered);
      } catch (IOException ex) {
        out.println("mail: cannot write the digest for " + String.join(", ", e.getKey()) + " to the outbox "
            + config.outbox() + ": " + ex.getMessage());
      }
    }
    FlushResult result = outbox.flush();
    if (!digests.isEmpty() || result.pending() > 0) out.println("mail: " + describe(result));
  }

  static Outbox outbox(ServiceConfig config) {
    MailSettings mail = config.mail();
    SmtpSettings smtp = new SmtpSettings(mail.host(), mail.port(), mail.tls(), mail.user(),
        mail.password() == null ? null : mail.password().value(), mail.from(), Duration.ofSeconds(30));
    return new Outbox(config.outbox(), new MailSender(smtp));
  }

  static String describe(FlushResult r) {
    String s = r.sent() + " digest" + (r.sent() == 1 ? "" : "s") + " sent";
    if (r.pending() > 0) {
      s += ", " + r.pending() + " kept in the outbox for the next run (" + r.lastError() + ")";
    }
    return s;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
