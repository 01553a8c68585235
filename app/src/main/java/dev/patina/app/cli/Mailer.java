package dev.patina.app.cli;

import dev.patina.app.Patina;
import dev.patina.app.run.Digests;
import dev.patina.app.run.FailureAlerts;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.MailSettings;
import dev.patina.inventory.ServiceConfig;
import dev.patina.notify.AlertRenderer;
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

/**
 * After a run: records each device's outcome (failures in a row), then mails through the
 * durable outbox the digests, failure alerts and recovery notices; the outbox keeps them on
 * disk until the SMTP server took them, and sends what earlier runs could not.
 */
public final class Mailer {
  private Mailer() {}

  /**
   * Updates the run status; mails unless {@code noMail}. False when something was lost: the
   * status could not be saved or a message could not be queued (the run then exits non-zero).
   */
  public static boolean afterRun(Patina patina, RunResult run, boolean noMail, PrintStream out) {
    ServiceConfig config = patina.config();
    int alertAfter = config.mail() == null ? 3 : config.mail().alertAfterFailures();
    FailureAlerts.Outcome outcome;
    boolean saved = true;
    try {
      var status = patina.store().status();
      outcome = FailureAlerts.update(status, run, alertAfter);
      status.save();
    } catch (Exception e) {
      out.println("status: cannot record this run's outcome: " + e.getMessage());
      outcome = FailureAlerts.Outcome.NONE;
      saved = false;
    }
    if (noMail || config.mail() == null) return saved;
    return send(patina, run, outcome, out) && saved;
  }

  /** False when a message could not be queued. */
  private static boolean send(Patina patina, RunResult run, FailureAlerts.Outcome outcome, PrintStream out) {
    ServiceConfig config = patina.config();
    MailSettings mail = config.mail();
    Outbox outbox = outbox(config);
    DigestRenderer renderer = new DigestRenderer();
    Map<List<String>, Digest> digests = Digests.route(run, mail.to(), hostName(), outcome.quietFailures());
    int queued = 0;
    int wanted = 0;
    for (Map.Entry<List<String>, Digest> e : digests.entrySet()) {
      wanted += e.getKey().isEmpty() ? 0 : 1;
      queued += submit(outbox, e.getKey(), renderer.render(e.getValue(), mail.maxBytes()), config, out);
    }
    AlertRenderer alerts = new AlertRenderer();
    for (FailureAlerts.Alert a : outcome.alerts()) {
      wanted += recipients(patina, a.device(), mail).isEmpty() ? 0 : 1;
      queued += submit(outbox, recipients(patina, a.device(), mail),
          alerts.failing(a.device(), a.failures(), a.since(), a.reason()), config, out);
    }
    for (FailureAlerts.Recovery r : outcome.recoveries()) {
      wanted += recipients(patina, r.device(), mail).isEmpty() ? 0 : 1;
      queued += submit(outbox, recipients(patina, r.device(), mail), alerts.recovered(r.device(), r.failures()),
          config, out);
    }
    FlushResult result = outbox.flush();
    if (queued > 0 || result.sent() > 0 || result.pending() != 0 || result.rejected() > 0) out.println("mail: " + describe(result));
    if (queued < wanted) {
      out.println("mail: " + (wanted - queued) + " of " + wanted + " message(s) could not be queued and are lost;"
          + " the run exits non-zero");
    }
    return queued == wanted;
  }

  private static List<String> recipients(Patina patina, String device, MailSettings mail) {
    return patina.inventory().device(device).map(d -> Digests.recipients(d, mail.to())).orElse(mail.to());
  }

  private static int submit(Outbox outbox, List<String> to, RenderedMail m, ServiceConfig config, PrintStream out) {
    if (to.isEmpty()) return 0;
    try {
      outbox.submit(to, m);
      return 1;
    } catch (IOException ex) {
      out.println("mail: cannot write \"" + m.subject() + "\" to the outbox " + config.outbox() + ": "
          + ex.getMessage());
      return 0;
    }
  }

  static Outbox outbox(ServiceConfig config) {
    MailSettings mail = config.mail();
    SmtpSettings smtp = new SmtpSettings(mail.host(), mail.port(), mail.tls(), mail.user(),
        mail.password() == null ? null : mail.password().value(), mail.from(), Duration.ofSeconds(30));
    return new Outbox(config.outbox(), new MailSender(smtp));
  }

  static String describe(FlushResult r) {
    String s = r.sent() + " message" + (r.sent() == 1 ? "" : "s") + " sent";
    if (r.rejected() > 0) {
      s += ", " + r.rejected() + " refused for good by the server, set aside in the outbox's rejected/ folder "
          + "with its reply (check the mail-to addresses)";
    }
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
