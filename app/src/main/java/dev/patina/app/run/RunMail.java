package dev.patina.app.run;

import dev.patina.diff.state.StateEvent;
import dev.patina.inventory.Device;
import dev.patina.inventory.MailSettings;
import dev.patina.notify.AlertRenderer;
import dev.patina.notify.DeviceReport;
import dev.patina.notify.Digest;
import dev.patina.notify.DigestRenderer;
import dev.patina.notify.MailSender;
import dev.patina.notify.Outbox;
import dev.patina.notify.RenderedMail;
import dev.patina.notify.SmtpSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mail step of a run: one digest per recipient list (a device's own or its group's
 * {@code mail-to}, else the service's list, like RANCID's per-group lists), then failure alerts
 * and recovery notices, all through the durable outbox, which keeps them on disk until the
 * SMTP server took them and sends what earlier runs could not.
 */
final class RunMail {
  private final MailSettings settings;
  private final Path outboxDir;

  RunMail(MailSettings settings, Path outboxDir) {
    this.settings = settings;
    this.outboxDir = outboxDir;
  }

  /** Recipients of a device: its own (or its group's) list, else the service default. */
  List<String> recipients(Device device) {
    return device.mailTo().isEmpty() ? (settings.to() == null ? List.of() : settings.to()) : device.mailTo();
  }

  /** Queues the run's digests, alerts and recoveries, then flushes the outbox. */
  MailOutcome send(Instant started, Duration took, Optional<String> commitId, List<DeviceResult> devices,
      List<StateEvent> events, List<String> warnings, FailureAlerts.Outcome alerts, List<String> why,
      RunPipeline.Backend backend) {
    MailSender sender = new MailSender(smtp(settings));
    MailQueue queued0 = backend.mailQueue(sender);
    MailQueue outbox = queued0 != null ? queued0 : MailQueue.of(new Outbox(outboxDir, sender));
    List<String> problems = new ArrayList<>();
    int queued = 0;
    String host = hostName();
    DigestRenderer digests = new DigestRenderer();
    for (Map.Entry<List<String>, List<DeviceResult>> e : byRecipients(devices).entrySet()) {
      Set<String> names = e.getValue().stream().map(DeviceResult::name).collect(Collectors.toSet());
      List<StateEvent> theirEvents = events.stream().filter(ev -> names.contains(ev.device())).toList();
      boolean worthSending = !theirEvents.isEmpty() || e.getValue().stream()
          .anyMatch(r -> r instanceof DeviceResult.Changed
              || (r instanceof DeviceResult.Failed && !alerts.quietFailures().contains(r.name())));
      if (!worthSending) continue;
      Digest digest = new Digest(started, took, commitId.orElse(null), host, List.<DeviceReport>copyOf(e.getValue()),
          theirEvents, warnings, why);
      queued += submit(outbox, e.getKey(), digests.render(digest, settings.maxBytes()), problems);
    }
    AlertRenderer alertMail = new AlertRenderer();
    Map<String, Device> byName = devices.stream().collect(Collectors.toMap(DeviceResult::name, DeviceResult::device));
    for (FailureAlerts.Alert a : alerts.alerts()) {
      queued += submit(outbox, recipients(byName.get(a.device())),
          alertMail.failing(a.device(), a.failures(), a.since(), a.reason()), problems);
    }
    for (FailureAlerts.Recovery r : alerts.recoveries()) {
      queued += submit(outbox, recipients(byName.get(r.device())), alertMail.recovered(r.device(), r.failures()),
          problems);
    }
    return new MailOutcome(queued, outbox.flush(), problems);
  }

  private Map<List<String>, List<DeviceResult>> byRecipients(List<DeviceResult> devices) {
    Map<List<String>, List<DeviceResult>> byList = new LinkedHashMap<>();
    for (DeviceResult r : devices) {
      List<String> to = recipients(r.device());
      if (!to.isEmpty()) byList.computeIfAbsent(List.copyOf(to), k -> new ArrayList<>()).add(r);
    }
    return byList;
  }

  private int submit(MailQueue outbox, List<String> to, RenderedMail m, List<String> problems) {
    if (to.isEmpty()) return 0;
    try {
      outbox.submit(to, m);
      return 1;
    } catch (IOException ex) {
      problems.add("cannot write \"" + m.subject() + "\" to the outbox " + outbox.where() + ": " + ex.getMessage());
      return 0;
    }
  }

  /**
   * The SMTP connection out of the mail settings. Two types on purpose: {@link MailSettings} is
   * the {@code mail:} section of patina.yaml (recipients, size cap, alert threshold, the password
   * as an inventory {@code Secret}); {@link SmtpSettings} is only what the notifier needs to talk
   * to a server. The notifier does not depend on the inventory module (DESIGN.md's module
   * table), so the one translation is here.
   */
  static SmtpSettings smtp(MailSettings mail) {
    return new SmtpSettings(mail.host(), mail.port(), mail.tls(), mail.user(),
        mail.password() == null ? null : mail.password().value(), mail.from(), Duration.ofSeconds(30));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
