package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.FailureKind;
import dev.patina.sim.Fault;
import dev.patina.sim.SimDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector against a simulated device that misbehaves: never a partial config, always a typed reason. */
class CollectorFaultTest {
  private static ModelRegistry models;
  @TempDir
  Path tmp;

  @BeforeAll
  static void loadModels() throws ModelException {
    models = ModelRegistry.load(null);
  }

  private Collector collector(Duration commandTimeout) {
    return new Collector(models, new HostKeyStore(tmp.resolve("known_hosts")),
        new Timeouts(Duration.ofSeconds(10), commandTimeout, Timeouts.defaults().device()));
  }

  private static Device ios(SimDevice sim) {
    return Captures.target(sim, "cisco-ios");
  }

  @Test
  void aConfigLargerThanTheSshWindowIsCollectedWhole() throws Exception {
    List<String> config = Synthetic.bigConfig(400);
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(config)).start()) {
      Snapshot s = collector(Duration.ofSeconds(20)).collect(ios(sim));
      List<String> stored = s.artifacts().get("running-config").lines().toList();
      assertEquals("Building configuration...", stored.getFirst());
      assertEquals(config, stored.subList(2, stored.size()));
      assertEquals("Cisco IOS XE Software, Version 17.09.04a\n", s.artifacts().get("version"),
          "version keeps only stable lines (no uptime)");
    }
  }

  @Test
  void aBannerSentInPiecesIsNotTakenForThePromptAndTheBackupIsWhole() throws Exception {
    List<String> config = Synthetic.bigConfig(50);
    dev.patina.sim.Capture ios = Synthetic.ios(config);
    // the banner's first piece ends like a prompt ("-------->") and the rest follows 300 ms later
    dev.patina.sim.Capture split = dev.patina.sim.Capture.of("ios",
        "\r\n--------> Authorised use only <--------\r\n" + Synthetic.PROMPT, false, ios.commands());
    try (SimDevice sim = SimDevice.replay(split).start()) {
      sim.fault(Fault.pauseAfter("-------->", Duration.ofMillis(300)));
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      List<String> stored = s.artifacts().get("running-config").lines().toList();
      assertEquals(List.of("Building configuration...", ""), stored.subList(0, 2), String.join("\n", stored.subList(0, 5)));
      assertEquals(config, stored.subList(2, stored.size()));
      assertEquals("Cisco IOS XE Software, Version 17.09.04a\n", s.artifacts().get("version"));
      assertTrue(s.artifacts().values().stream().noneMatch(a -> a.contains("Authorised")), s.artifacts().toString());
    }
  }

  @Test
  void aDeviceThatDoesNotEchoCommandsIsStillBackedUpWhole() throws Exception {
    List<String> config = Synthetic.bigConfig(20);
    dev.patina.sim.Capture ios = Synthetic.ios(config);
    List<java.util.Map.Entry<String, String>> silent = new java.util.ArrayList<>();
    for (java.util.Map.Entry<String, String> e : ios.commands()) {
      String reply = e.getValue();
      String echo = e.getKey().strip() + "\r\n";
      silent.add(java.util.Map.entry(e.getKey(), reply.startsWith(echo) ? reply.substring(echo.length()) : reply));
    }
    // no echo: the login prompt is confirmed by the 1 s quiet fallback, then replies end at the prompt
    dev.patina.sim.Capture quiet = dev.patina.sim.Capture.of("ios", "\r\n" + Synthetic.PROMPT, false, silent);
    try (SimDevice sim = SimDevice.replay(quiet).start()) {
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      List<String> stored = s.artifacts().get("running-config").lines().toList();
      assertEquals(config, stored.subList(stored.indexOf("") + 1, stored.size()));
      assertEquals("Cisco IOS XE Software, Version 17.09.04a\n", s.artifacts().get("version"));
    }
  }

  @Test
  void aDisconnectMidConfigFailsAsDisconnectedWithTheBytesReceived() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(300))).start()) {
      sim.fault(Fault.disconnectAfterBytes(100_000));
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(20)).collect(ios(sim)));
      assertEquals(FailureKind.DISCONNECTED, e.kind());
      assertTrue(e.getMessage().matches("sim-cisco-ios: connection closed after [\\d,]+ bytes of \"show running-config\";"
          + " running-config incomplete, previous version kept"), e.getMessage());
    }
  }

  @Test
  void aDisconnectDuringAnExecCommandIsNotMistakenForItsEnd() throws Exception {
    Path junos = Captures.all("simulation.yaml").stream()
        .filter(p -> p.getFileName().toString().startsWith("junos#")).findFirst().orElseThrow();
    try (SimDevice sim = SimDevice.replay(dev.patina.sim.Capture.load(junos)).start()) {
      sim.fault(Fault.disconnectAfterBytes(700));
      CollectException e = assertThrows(CollectException.class,
          () -> collector(Duration.ofSeconds(10)).collect(Captures.target(sim, "juniper-junos")));
      assertEquals(FailureKind.DISCONNECTED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("incomplete, previous version kept"), e.getMessage());
    }
  }

  @Test
  void aRefusedEnablePasswordIsAnAuthFailure() throws Exception {
    Path asa = Captures.all("simulation.yaml").stream()
        .filter(p -> p.getFileName().toString().startsWith("asa#")).findFirst().orElseThrow();
    try (SimDevice sim = SimDevice.replay(dev.patina.sim.Capture.load(asa)).enablePassword("the-right-one").start()) {
      CollectException e = assertThrows(CollectException.class,
          () -> collector(Duration.ofSeconds(10)).collect(Captures.target(sim, "cisco-asa")));
      assertEquals(FailureKind.AUTH, e.kind(), e.getMessage());
      assertTrue(e.getMessage().startsWith("sim-cisco-asa: enable mode refused"), e.getMessage());
      assertFalse(e.getMessage().contains(Captures.ENABLE));
    }
  }

  @Test
  void aStalledDeviceFailsAsTimeout() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(300))).start()) {
      sim.fault(Fault.stallAfterBytes(100_000));
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofMillis(700)).collect(ios(sim)));
      assertEquals(FailureKind.TIMEOUT, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("\"show running-config\""), e.getMessage());
    }
  }

  @Test
  void anInterruptedCollectionEndsAtOnceWithTheInterruptFlagKept() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(300))).start()) {
      sim.fault(Fault.stallAfterBytes(100_000));
      java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
      Thread worker = Thread.ofPlatform().start(() -> {
        try {
          outcome.set(collector(Duration.ofMinutes(5)).collect(ios(sim)));
        } catch (CollectException e) {
          outcome.set(Thread.currentThread().isInterrupted() ? e : new AssertionError("interrupt flag lost", e));
        }
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (sim.received().stream().noneMatch(r -> r.text().equals("show running-config"))
          && System.nanoTime() < deadline) {
        worker.join(5);
      }
      worker.interrupt();
      worker.join(Duration.ofSeconds(20));
      CollectException e = assertInstanceOf(CollectException.class, outcome.get());
      assertEquals(FailureKind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    }
  }

  @Test
  void aConfigWithoutItsEndLineIsIncomplete() throws Exception {
    List<String> config = Synthetic.bigConfig(2);
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(config.subList(0, config.size() - 3))).start()) {
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(10)).collect(ios(sim)));
      assertEquals(FailureKind.INCOMPLETE, e.kind());
      assertTrue(e.getMessage().startsWith("sim-cisco-ios: running-config incomplete: it ends with \"description port 19 to access switch # not a prompt>\", not a line matching ^end$; previous version kept"),
          e.getMessage());
    }
  }

  @Test
  void aWrongPasswordIsAnAuthFailure() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(1))).start()) {
      Device t = ios(sim);
      Device wrong = TestDevices.device(t.name(), t.host(), t.port(), t.model(), t.username(), "not-the-password",
          null, null, false, Map.of());
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(10)).collect(wrong));
      assertEquals(FailureKind.AUTH, e.kind());
      assertFalse(e.getMessage().contains("not-the-password"), "the password never reaches a message");
    }
  }

  @Test
  void aChangedHostKeyIsRefusedAndTheKnownHostsFileIsLeftAlone() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(1))).start()) {
      collector(Duration.ofSeconds(10)).collect(ios(sim));
      byte[] known = Files.readAllBytes(tmp.resolve("known_hosts"));
      assertTrue(new String(known).startsWith("[127.0.0.1]:" + sim.port() + " ssh-ed25519 "), new String(known));
      sim.newHostKey();
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(10)).collect(ios(sim)));
      assertEquals(FailureKind.HOST_KEY_CHANGED, e.kind());
      assertTrue(e.getMessage().matches("host key for sim-cisco-ios \\(127\\.0\\.0\\.1:\\d+\\) changed: expected "
          + "ssh-ed25519 SHA256:\\S+, got ssh-ed25519 SHA256:\\S+; if the device was replaced, run: patina hostkey forget sim-cisco-ios"),
          e.getMessage());
      assertArrayEquals(known, Files.readAllBytes(tmp.resolve("known_hosts")));

      new HostKeyStore(tmp.resolve("known_hosts")).forget(sim.host(), sim.port());
      collector(Duration.ofSeconds(10)).collect(ios(sim));
      List<String> now = Files.readAllLines(tmp.resolve("known_hosts"));
      assertEquals(1, now.size(), "forget, then trust on first use again: " + now);
      assertFalse(now.getFirst().equals(new String(known).strip()), "the new key is recorded");
    }
  }

  @Test
  void legacyAlgorithmsAreRefusedUnlessTheDeviceOptsIn() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(1))).legacySsh().start()) {
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(10)).collect(ios(sim)));
      assertEquals(FailureKind.PROTOCOL, e.kind());
      assertTrue(e.getMessage().endsWith("if it is an old device, set legacy-ssh: true for it in devices.yaml"), e.getMessage());
      Device t = ios(sim);
      Device legacy = TestDevices.device(t.name(), t.host(), t.port(), t.model(), t.username(), t.password().value(),
          null, null, true, Map.of());
      assertTrue(collector(Duration.ofSeconds(10)).collect(legacy).artifacts().get("running-config").endsWith("end\n"));
      assertTrue(Files.readString(tmp.resolve("known_hosts")).contains(" ssh-rsa "));
    }
  }

  @Test
  void manyDevicesCollectedAtOnceShareOneCollectorAndKnownHostsFile() throws Exception {
    List<SimDevice> sims = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 12; i++) {
        sims.add(SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(20))).start());
      }
      Collector collector = collector(Duration.ofSeconds(20));
      List<java.util.concurrent.Future<Snapshot>> results = new java.util.ArrayList<>();
      try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
        for (SimDevice sim : sims) {
          results.add(pool.submit(() -> collector.collect(ios(sim))));
        }
      }
      for (var r : results) {
        assertTrue(r.get().artifacts().get("running-config").endsWith("end\n"));
      }
      assertEquals(12, Files.readAllLines(tmp.resolve("known_hosts")).size());
    } finally {
      for (SimDevice sim : sims) {
        sim.close();
      }
    }
  }

  @Test
  void pagersAreAnsweredAndPromptsInTerminalCodesRecognised() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.pagedIos()).start()) {
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      assertEquals("!\nhostname paged-sw1\ninterface Vlan1\n ip address 192.0.2.1 255.255.255.0\n!\nend\n",
          s.artifacts().get("running-config"));
      assertFalse(s.artifacts().containsKey("version"), "a rejected optional command is skipped");
      assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("login command \"terminal length 0\" rejected")), s.notes().toString());
    }
  }
}
