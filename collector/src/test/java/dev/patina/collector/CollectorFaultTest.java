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
    List<String> config = Synthetic.bigConfig(3 * 1024); // sshj's window is 2 MiB: the device must wait for more
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
  void aBannerHoldingEndAndThePromptThenAPauseDoesNotEndTheConfigEarly() throws Exception {
    // a banner line "end" then a line equal to the prompt, then a 10 ms packet boundary: what a
    // device sends when someone puts those lines into the motd; the rest of the config follows
    List<String> config = new java.util.ArrayList<>(List.of("!", "hostname edge-rtr1", "banner motd ^C",
        "end", Synthetic.PROMPT, "^C"));
    config.addAll(Synthetic.bigConfig(8));
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(config)).start()) {
      sim.fault(Fault.pauseAfter("end\r\n" + Synthetic.PROMPT, Duration.ofMillis(10)));
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      assertWhole(config, s);
    }
  }

  @Test
  void theNextCommandConfirmsWhereAReplyEndsAndTheLastLoginSettingConfirmsTheLastReply() throws Exception {
    List<String> config = Synthetic.bigConfig(8);
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(config)).start()) {
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      assertWhole(config, s);
      assertEquals("NAME: \"Chassis\"\n", s.artifacts().get("inventory"));
      List<String> lines = sim.received().stream().filter(r -> r.kind() == dev.patina.sim.Received.Kind.LINE)
          .map(dev.patina.sim.Received::text).toList();
      // show version and show inventory end where the next command's echo comes, the config where
      // the echo of the last login setting, typed again, comes: no empty line, no round trip of its own
      assertEquals(List.of("terminal length 0", "terminal width 0", "show version", "show inventory",
          "show running-config", "terminal width 0"), lines);
    }
  }

  @Test
  void aPromptLookAlikeInAReplyBeforeTheNextCommandDoesNotEndThatReplyEarly() throws Exception {
    List<String> config = Synthetic.bigConfig(8);
    dev.patina.sim.Capture ios = Synthetic.ios(config);
    String inventory = "show inventory\r\nNAME: \"Chassis\"\r\n" + Synthetic.PROMPT + "\r\nNAME: \"Slot 1\"\r\n"
        + Synthetic.PROMPT + "\r\nPID: C9300-48P\r\n" + Synthetic.PROMPT;
    List<Map.Entry<String, String>> commands = new java.util.ArrayList<>();
    for (Map.Entry<String, String> e : ios.commands()) {
      commands.add(e.getKey().equals("show inventory\n") ? Map.entry(e.getKey(), inventory) : e);
    }
    try (SimDevice sim = SimDevice.replay(dev.patina.sim.Capture.of("ios", "\r\n" + Synthetic.PROMPT, false, commands))
        .start()) {
      // the look-alike ends a packet, 10 ms pass: the collector types the next command ahead
      sim.fault(Fault.pauseAfter("\"Chassis\"\r\n" + Synthetic.PROMPT, Duration.ofMillis(10)));
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      assertEquals("NAME: \"Chassis\"\n" + Synthetic.PROMPT + "\nNAME: \"Slot 1\"\n" + Synthetic.PROMPT
          + "\nPID: C9300-48P\n", s.artifacts().get("inventory"));
      assertWhole(config, s);
      assertEquals(1, sim.received().stream().filter(r -> r.text().equals("show running-config")).count(),
          "the command typed ahead is sent once");
    }
  }

  @Test
  void aPagerAfterAPromptLookAlikeWhileACommandIsTypedAheadFailsTheDeviceInsteadOfStoringAGuess() throws Exception {
    // paging stays on and show version is shorter than a page, so the first pager comes after the
    // look-alike, when the next command was already typed
    StringBuilder inventory = new StringBuilder("show inventory\r\nNAME: \"Chassis\"\r\n" + Synthetic.PROMPT);
    for (int i = 1; i <= 30; i++) {
      inventory.append("\r\nNAME: \"Slot ").append(i).append('"');
    }
    inventory.append("\r\n").append(Synthetic.PROMPT);
    List<Map.Entry<String, String>> commands = List.of(
        Map.entry("terminal length 0\n", "terminal length 0\r\n% Invalid input detected at '^' marker.\r\n"
            + Synthetic.PROMPT),
        Map.entry("terminal width 0\n", "terminal width 0\r\n" + Synthetic.PROMPT),
        Map.entry("show version\n", "show version\r\nCisco IOS XE Software, Version 17.09.04a\r\n" + Synthetic.PROMPT),
        Map.entry("show inventory\n", inventory.toString()),
        Map.entry("show running-config\n", "show running-config\r\n!\r\nend\r\n\r\n" + Synthetic.PROMPT));
    // a model that leaves paging on: no login commands
    Path dir = Files.createDirectories(tmp.resolve("models"));
    Files.writeString(dir.resolve("paging-ios.yaml"), """
        description: IOS with paging left on
        prompt: '^([\\w.@()/:-]+[#>])\\s*$'
        pager: ['^\\s*--More--\\s*$']
        artifacts:
          - { name: version, command: show version }
          - { name: inventory, command: show inventory }
          - { name: running-config, command: show running-config }
        """);
    Collector collector = new Collector(ModelRegistry.load(dir), new HostKeyStore(tmp.resolve("known_hosts")),
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device()));
    try (SimDevice sim = SimDevice.replay(dev.patina.sim.Capture.of("ios", "\r\n" + Synthetic.PROMPT, false, commands))
        .pager(10).start()) {
      sim.fault(Fault.pauseAfter("\"Chassis\"\r\n" + Synthetic.PROMPT, Duration.ofMillis(10)));
      CollectException e = assertThrows(CollectException.class, () -> collector.collect(Captures.target(sim, "paging-ios")));
      assertEquals(FailureKind.PROTOCOL, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("typed ahead") && e.getMessage().contains("previous version kept"), e.getMessage());
    }
  }

  /** The stored config is {@code config} after IOS's two header lines (a short message when not). */
  private static void assertWhole(List<String> config, Snapshot s) {
    List<String> stored = s.artifacts().get("running-config").lines().toList();
    List<String> body = stored.subList(Math.min(2, stored.size()), stored.size());
    assertTrue(config.equals(body), "stored " + body.size() + " lines of " + config.size() + ", ending with "
        + body.subList(Math.max(0, body.size() - 3), body.size()));
  }

  @Test
  void aBannerWhosePromptLookAlikeRepeatsAfterAPauseStillDoesNotEndTheConfigEarly() throws Exception {
    // the look-alike followed by what an empty line at the prompt would give (the prompt again)
    List<String> config = new java.util.ArrayList<>(List.of("!", "hostname edge-rtr1", "banner motd ^C",
        "end", Synthetic.PROMPT, Synthetic.PROMPT, "^C"));
    config.addAll(Synthetic.bigConfig(8));
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(config)).start()) {
      sim.fault(Fault.pauseAfter("end\r\n" + Synthetic.PROMPT, Duration.ofMillis(10)));
      Snapshot s = collector(Duration.ofSeconds(10)).collect(ios(sim));
      assertWhole(config, s);
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
  void aReplyBeyondTheSizeLimitFailsClearlyInsteadOfFillingTheHeap() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(3 * 1024))).start()) {
      Device t = ios(sim);
      Device limited = TestDevices.device(t.name(), t.host(), t.port(), t.model(), t.username(), t.password().value(),
          null, null, false, Map.of("max-reply-mib", "1"));
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(20)).collect(limited));
      assertEquals(FailureKind.PROTOCOL, e.kind(), e.getMessage());
      assertTrue(e.getMessage().startsWith("sim-cisco-ios: the reply to \"show running-config\" exceeds the limit of 1 MiB;"
          + " if the device really sends that much, raise max-reply-mib"), e.getMessage());
    }
  }

  @Test
  void aSizeLimitThatIsNotANumberIsAModelErrorNamingTheVar() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(1))).start()) {
      Device t = ios(sim);
      Device bad = TestDevices.device(t.name(), t.host(), t.port(), t.model(), t.username(), t.password().value(),
          null, null, false, Map.of("max-reply-mib", "lots"));
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(20)).collect(bad));
      assertEquals(FailureKind.MODEL, e.kind());
      assertEquals("sim-cisco-ios: max-reply-mib must be a whole number of MiB from 1 to 4096, not \"lots\"", e.getMessage());
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aCatastrophicRegexInAUserModelFailsTheDeviceWithinItsBudgetNamingThePattern() throws Exception {
    Model ios = models.find("cisco-ios").orElseThrow();
    java.util.regex.Pattern runaway = java.util.regex.Pattern.compile("(.*){1,32000}[bc]");
    List<ArtifactSpec> specs = ios.artifacts().stream().map(a -> !a.name().equals("running-config") ? a
        : new ArtifactSpec(a.name(), a.sources(), a.optional(), a.complete(), a.minLines(), List.of(runaway),
            a.cleanup(), a.format(), a.dropBlocks(), a.structure())).toList();
    Model user = new Model("cisco-ios", "/etc/patina/models/cisco-ios.yaml", ios.description(), ios.match(),
        ios.session(), ios.prompt(), ios.pagers(), ios.login(), ios.enable(), ios.errors(), ios.vars(), specs);
    // a line without "b" or "c": the pattern backtracks through every way to split it
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(List.of("!", "hostname " + "a".repeat(40), "end"))).start()) {
      Collector c = new Collector(ModelRegistry.of(List.of(user)), new HostKeyStore(tmp.resolve("known_hosts")),
          new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Timeouts.defaults().device()));
      long start = System.nanoTime();
      CollectException e = assertThrows(CollectException.class, () -> c.collect(ios(sim)));
      assertEquals(FailureKind.MODEL, e.kind(), e.getMessage());
      assertTrue(e.getMessage().startsWith("sim-cisco-ios: model cisco-ios (/etc/patina/models/cisco-ios.yaml):"
          + " the regex '(.*){1,32000}[bc]' ran longer than"), e.getMessage());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "stopped, not left running");
    }
  }

  @Test
  void aDisconnectDuringLoginIsReportedAsALoginFailureNotAsAnIncompleteArtifact() throws Exception {
    try (SimDevice sim = SimDevice.replay(Synthetic.ios(Synthetic.bigConfig(1))).start()) {
      sim.fault(Fault.disconnectAfterBytes(90)); // the banner, then the login command's reply is cut
      CollectException e = assertThrows(CollectException.class, () -> collector(Duration.ofSeconds(10)).collect(ios(sim)));
      assertEquals(FailureKind.DISCONNECTED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().endsWith(" while logging in; nothing was collected, previous version kept"), e.getMessage());
      assertTrue(!e.getMessage().contains("version incomplete"), e.getMessage());
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
