package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.collector.FailureKind;
import dev.patina.store.RepoLock;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run pipeline called directly, as a new trigger would: one device, a trigger label, a commit trailer. */
class RunPipelineTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";
  private static final String ASR920 = "ios#asr920_16.8.1b";

  @Test
  void aOneDeviceRunFromAChangeTriggerCommitsThatDeviceWithItsChangedByTrailerAndMailsArtifactNames(
      @TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      assertEquals(0, fleet.patina("run").status());
      int mailsBefore = fleet.smtp.getReceivedMessages().length;
      fleet.devices.get("core-sw1").replaceInReplies("description oxidized two", "description uplink to dist-2");
      Path config = fleet.config();
      fleet.devices.get("edge-rtr1").close(); // not part of this run: must not be contacted

      RunResult result;
      try (Patina patina = Patina.load(config);
          RepoLock lock = patina.store().lock(Duration.ofSeconds(5))) {
        RunRequest request = RunRequest.of(List.of(patina.inventory().device("core-sw1").orElseThrow()),
            "syslog change").withTrailer("Changed-By", "admin (vty0, 192.0.2.10)");
        result = patina.pipeline().run(request, RunPipeline.Progress.NONE);
      }

      assertEquals("syslog change", result.trigger());
      assertEquals(List.of("core-sw1"), result.devices().stream().map(DeviceResult::name).toList());
      DeviceResult.Changed changed = result.changed().get(0);
      assertEquals(List.of("running-config"), changed.diffs().stream().map(d -> d.path()).toList());
      assertTrue(changed.diffs().get(0).unified().startsWith("--- a/running-config\n"), changed.diffs().get(0).unified());
      try (Repository repo = fleet.repository(); RevWalk walk = new RevWalk(repo)) {
        RevCommit head = walk.parseCommit(repo.resolve("HEAD"));
        assertEquals(result.commitId().orElseThrow(), head.name());
        String message = head.getFullMessage();
        assertTrue(message.startsWith("1 changed: core-sw1\n"), message);
        assertTrue(message.endsWith("\n\nChanged-By: admin (vty0, 192.0.2.10)\n"), message);
      }
      MimeMessage[] mails = fleet.smtp.getReceivedMessages();
      assertEquals(mailsBefore + 1, mails.length, "one digest for the one-device run");
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      mails[mails.length - 1].writeTo(raw);
      String mail = raw.toString(StandardCharsets.UTF_8);
      assertTrue(mail.contains("+ description uplink to dist-2"), mail);
      assertFalse(mail.contains("devices/core-sw1"), "git paths stay out of the digest:\n" + mail);
      assertEquals(1, result.mail().orElseThrow().flush().sent());
    }
  }

  @Test
  void aDeviceThatRefusesConnectionsIsReportedWithItsTypedKindInTheJsonReportAndThePrintout(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920)) {
      Path config = fleet.config();
      fleet.devices.get("edge-rtr1").close();
      Path report = dir.resolve("report.json");
      TestFleet.Result run = TestFleet.run("--config", config.toString(), "run", "--no-mail", "--report",
          report.toString());

      assertEquals(1, run.status(), run.toString());
      assertTrue(run.out().contains("FAILED   edge-rtr1 connect: "), run.out());
      JsonNode json = new ObjectMapper().readTree(report.toFile());
      assertEquals("patina run", json.get("trigger").asText());
      JsonNode edge = json.get("devices").get(1);
      assertEquals("edge-rtr1", edge.get("name").asText());
      assertEquals("failed", edge.get("status").asText());
      assertEquals(FailureKind.CONNECT.label(), edge.get("kind").asText());
      JsonNode core = json.get("devices").get(0);
      assertEquals("new", core.get("status").asText());
      assertEquals("running-config", core.get("diffs").get(1).get("path").asText(), core.toString());
      assertEquals(0, fleet.smtp.getReceivedMessages().length, "--no-mail sends nothing");
    }
  }

  @Test
  void aTrailerThatIsNotOneKeyValueLineIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new RunRequest(List.of(), "test", List.of("Changed-By admin"), true));
    assertTrue(e.getMessage().contains("\"Changed-By admin\""), e.getMessage());
  }
}
