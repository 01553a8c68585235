package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.store.RepoStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository written by an older release (credentials in clear, 8-digit tags): the audit finds
 * each leak by device, artifact, line and commit without printing it, the next backup stores it
 * masked and says once why every tag changed, and no view of history prints the old value.
 */
class SecretsAuditTest {
  private static final List<String> LEAKS = List.of("OldCommLeak77", "OldNtpLeak88", "Old Psk With Spaces");

  @Test
  void anOlderReleasesLeaksAreListedByLineNeverPrintedAndMaskedByTheNextBackup(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", "ios#C9200L-24P-4G_17.09.04a")) {
      assertEquals(0, fleet.patina("run").status());
      String oldConfig;
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        Map<String, String> artifacts = new LinkedHashMap<>(store.readDevice("core-sw1"));
        oldConfig = artifacts.get("running-config").replaceFirst("(?m)^(hostname .*)$",
            "$1\nsnmp-server community OldCommLeak77 RO\nntp authentication-key 1 md5 OldNtpLeak88 7\n"
                + "enable secret 9 <secret:1a2b3c4d>\n security wpa psk set-key ascii 0 Old Psk With Spaces");
        assertTrue(oldConfig.contains("OldCommLeak77"), "the capture has a hostname line to write after");
        artifacts.put("running-config", oldConfig);
        store.writer().commit(Map.of("core-sw1", artifacts), "written by an older release", null);
      }
      List<String> lines = oldConfig.lines().toList();
      int community = lines.indexOf("snmp-server community OldCommLeak77 RO") + 1;

      TestFleet.Result head = fleet.patina("secrets", "audit");
      assertEquals(1, head.status(), head.toString());
      assertTrue(head.out().contains("core-sw1  running-config:" + community + "  commit "), head.out());
      assertTrue(head.out().contains("snmp-server community <unmasked> RO"), head.out());
      assertTrue(head.out().contains("ntp authentication-key 1 md5 <unmasked> 7"), head.out());
      assertTrue(head.out().contains("3 unmasked credential line(s) in HEAD"), head.out());
      noLeak("the audit", head.out() + head.err());

      fleet.smtp.purgeEmailFromAllMailboxes();
      TestFleet.Result run = fleet.patina("run");
      assertEquals(0, run.status(), run.toString());
      StringBuilder mail = new StringBuilder();
      for (MimeMessage m : fleet.smtp.getReceivedMessages()) mail.append(EndToEndTest.raw(m));
      noLeak("the digest", mail.toString());
      noLeak("the run's output", run.out() + run.err());
      assertTrue(mail.toString().contains("every <secret:...> tag was rewritten once"), mail.toString());

      TestFleet.Result clean = fleet.patina("secrets", "audit");
      assertEquals(0, clean.status(), "HEAD is masked after the backup:\n" + clean);
      TestFleet.Result history = fleet.patina("secrets", "audit", "--history");
      assertEquals(1, history.status(), history.toString());
      assertTrue(history.out().contains("core-sw1  running-config:" + community), history.out());
      noLeak("the audit of history", history.out());

      TestFleet.Result diff = fleet.patina("diff", "core-sw1");
      TestFleet.Result log = fleet.patina("log", "-p", "core-sw1");
      TestFleet.Result show = fleet.patina("show", "core-sw1", "--rev", "HEAD~1");
      noLeak("diff, log -p and show of the old version", diff.out() + log.out() + show.out());
      assertTrue(show.out().contains("snmp-server community <secret:"), show.out());
    }
  }

  @Test
  void anEmptySecretKeyFileIsAOneLineErrorWithWhatToDo(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", "ios#C9200L-24P-4G_17.09.04a")) {
      Files.createDirectories(dir.resolve("keys"));
      Files.writeString(dir.resolve("keys/secret.key"), "");
      TestFleet.Result run = fleet.patina("run");
      assertEquals(2, run.status(), run.toString());
      assertTrue(run.err().contains("secret.key is empty; restore it from backup"), run.err());
      assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }
  }

  private static void noLeak(String where, String text) {
    for (String leak : LEAKS) assertFalse(text.contains(leak), "\"" + leak + "\" printed in " + where + ":\n" + text);
  }
}
