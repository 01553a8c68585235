package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.sim.DocumentedSessions;
import dev.patina.sim.SimDevice;
import dev.patina.store.RepoStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ten platforms modelled from vendor documentation, through the whole pipeline: their
 * documented sessions (device-sim, paging on) are backed up by {@code patina run} into git and
 * the digest with no secret in either; a second run after their volatile lines changed stores
 * nothing new.
 */
class DocumentedSessionPipelineTest {
  @Test
  void everyDocumentedPlatformReachesGitAndTheDigestWithoutSecretsAndVolatileLinesChangeNothing(@TempDir Path dir)
      throws Exception {
    Map<String, DocumentedSessions.Session> byDevice = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    try (TestFleet fleet = new TestFleet(dir)) {
      for (DocumentedSessions.Session s : DocumentedSessions.all()) {
        String name = s.name().replaceAll("[^A-Za-z0-9._-]", "_");
        // AireOS asks for the password inside the session: the simulation refuses any other
        SimDevice sim = SimDevice.replay(s.capture()).enablePassword("patina").pager(20).start();
        fleet.device(name, sim, s.model());
        byDevice.put(name, s);
      }
      TestFleet.Result run = fleet.patina("run");
      assertEquals(0, run.status(), run.toString());
      StringBuilder mail = new StringBuilder();
      for (MimeMessage m : fleet.smtp.getReceivedMessages()) mail.append(EndToEndTest.raw(m));
      Map<String, Map<String, String>> first = new LinkedHashMap<>();
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        for (Map.Entry<String, DocumentedSessions.Session> e : byDevice.entrySet()) {
          Map<String, String> stored = store.readDevice(e.getKey());
          first.put(e.getKey(), stored);
          String config = stored.getOrDefault("running-config", "");
          if (config.isEmpty()) problems.add(e.getKey() + ": no running-config in git (" + stored.keySet() + ")");
          String all = String.join("\n", stored.values());
          if (all.contains("\u001b") || all.contains("\r")) problems.add(e.getKey() + ": terminal codes in git");
          if (!mail.toString().contains("NEW " + e.getKey())) problems.add(e.getKey() + ": not in the digest");
          for (String secret : e.getValue().secrets()) {
            if (all.contains(secret)) problems.add(e.getKey() + ": secret \"" + secret + "\" in git");
            if (mail.toString().contains(secret)) problems.add(e.getKey() + ": secret \"" + secret + "\" in the email");
          }
          for (String line : e.getValue().stored()) {
            if (!config.contains(line)) problems.add(e.getKey() + ": \"" + line + "\" not stored");
          }
        }
      }
      for (Map.Entry<String, DocumentedSessions.Session> e : byDevice.entrySet()) {
        DocumentedSessions.Session s = e.getValue();
        s.volatiles().forEach((from) -> fleet.devices.get(e.getKey()).replaceInReplies(from.getKey(), from.getValue()));
      }
      TestFleet.Result again = fleet.patina("run");
      assertEquals(0, again.status(), again.toString());
      assertEquals(true, again.out().contains(byDevice.size() + " unchanged, 0 failed"),
          "the second run backs every device up again and finds no change:\n" + again);
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        for (String device : byDevice.keySet()) {
          if (!store.readDevice(device).equals(first.get(device))) {
            problems.add(device + ": a volatile line changed what is stored");
          }
        }
      }
      assertEquals(List.of(), problems, run.out());
    }
  }
}
