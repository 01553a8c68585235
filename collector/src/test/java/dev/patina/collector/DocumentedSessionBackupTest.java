package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ssh.TerminalText;
import dev.patina.inventory.Timeouts;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import dev.patina.sim.DocumentedSessions;
import dev.patina.sim.Received;
import dev.patina.sim.SimDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platforms Patina knows only from vendor documentation (device-sim's documented-sessions):
 * each session, replayed with paging on, is backed up with its model over real SSH. The
 * model's paging-off command must work (no key pressed at a pager), its pager regex must match
 * (the same backup without login commands pages through), its volatile lines must not show
 * as a change, and none of its secrets may survive the model's secret patterns.
 */
class DocumentedSessionBackupTest {
  /** The real normaliser (model patterns, then the credential detector), as a backup runs it. */
  private static final Normalizer NORMALIZER =
      new Normalizer(SecretMasker.withKey("capture-test-key-0123456789abcdef".getBytes()));

  private static final String USER = "patina";
  private static final String PASSWORD = "doc-pw-1";
  private static final int PAGE = 20;

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> everyDocumentedPlatformIsBackedUpWithPagingTurnedOffByItsModel() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    List<DocumentedSessions.Session> sessions = DocumentedSessions.all();
    assertEquals(10, sessions.size(), "documented sessions");
    return sessions.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      Model model = models.find(s.model()).orElseThrow(() -> new AssertionError("no model " + s.model()));
      assertEquals("documented", model.proof(), s.model() + " is proven by a documented session only");
      try (SimDevice sim = sim(s)) {
        Snapshot snapshot = collect(models, model, sim);
        checkStored(s, model, snapshot);
        List<String> lines = sim.received().stream().filter(r -> r.kind() == Received.Kind.LINE)
            .map(Received::text).toList();
        assertTrue(lines.containsAll(model.login()), "login commands sent: " + lines);
        assertEquals(List.of(), sim.received().stream().filter(r -> r.kind() == Received.Kind.KEY).toList(),
            "a key was pressed at a pager although the model turned paging off");

        for (Map.Entry<String, String> v : s.volatiles()) {
          sim.replaceInReplies(v.getKey(), v.getValue());
          assertEquals(snapshotWithoutDrops(model, snapshot), snapshotWithoutDrops(model, collect(models, model, sim)),
              "\"" + v.getKey() + "\" -> \"" + v.getValue() + "\" shows as a change");
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedPagerIsAnsweredWhenPagingStaysOn() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    return DocumentedSessions.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      Model full = models.find(s.model()).orElseThrow();
      Model noLogin = new Model(full.name(), "test: no login commands", full.description(), full.match(),
          full.session(), full.prompt(), full.pagers(), List.of(), full.enable(), full.errors(), full.vars(),
          full.artifacts(), full.promptAbove(), full.proof(), full.changes());
      try (SimDevice sim = sim(s)) {
        Snapshot snapshot = collect(ModelRegistry.of(List.of(noLogin)), noLogin, sim);
        checkStored(s, noLogin, snapshot);
        assertFalse(sim.received().stream().noneMatch(r -> r.kind() == Received.Kind.KEY),
            "the device never paged: the session is too short to prove the pager regex");
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedPromptIsRecognisedAndNoBannerOrConfigLineIsTakenForOne() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    return DocumentedSessions.all().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      Model model = models.find(s.model()).orElseThrow();
      assertFalse(s.promptPass().isEmpty(), "no prompts listed");
      for (String prompt : s.promptPass()) {
        assertTrue(model.prompt().matcher(prompt).find(), "not recognised as a prompt: \"" + prompt + "\"");
      }
      for (String line : s.promptFail()) {
        assertFalse(model.prompt().matcher(line).find(), "taken for a prompt: \"" + line + "\"");
      }
    }));
  }

  @org.junit.jupiter.api.Test
  void theMdCliContextLineIsKnownInEveryModeAndAConfigLineIsNot() throws Exception {
    Pattern above = ModelRegistry.load(null).find("nokia-sros").orElseThrow().promptAbove();
    for (String context : List.of("[/]", "(ro)[/]", "(ex)[/configure router \"Base\" bgp]", "[ro:/configure]",
        "*[ex:/configure]", "!*[ex:/configure system]")) {
      assertTrue(above.matcher(context).find(), context);
    }
    for (String config : List.of("    }", "# Finished 2026-11-26T13:50:08.6+01:00", "member [\"administrative\"]")) {
      assertFalse(above.matcher(config).find(), config);
    }
  }

  @org.junit.jupiter.api.Test
  void aControllerThatAsksForTheLoginAgainIsAnAuthenticationFailureNotALoop() throws Exception {
    DocumentedSessions.Session aireos = DocumentedSessions.all().stream().filter(s -> s.vendor().equals("aireos"))
        .findFirst().orElseThrow();
    ModelRegistry models = ModelRegistry.load(null);
    try (SimDevice sim = SimDevice.replay(aireos.capture()).credentials(USER, PASSWORD).enablePassword("another-pw")
        .start()) {
      Collector collector = new Collector(models, new HostKeyStore(tmp.resolve("aireos-auth")),
          new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Timeouts.defaults().device()));
      CollectException e = org.junit.jupiter.api.Assertions.assertThrows(CollectException.class, () -> collector.collect(
          TestDevices.device("wlc1", sim.host(), sim.port(), "cisco-aireos", USER, PASSWORD, null, null, false, Map.of())));
      assertEquals(FailureKind.AUTH, e.kind());
      assertEquals("wlc1: the device asked again for \"User:\" after its login prompt was answered; check the"
          + " device's username and password", e.getMessage());
    }
  }

  private static SimDevice sim(DocumentedSessions.Session s) throws Exception {
    // the AireOS session asks for the password inside the session: a wrong one is refused
    return SimDevice.replay(s.capture()).credentials(USER, PASSWORD).enablePassword(PASSWORD).pager(PAGE).start();
  }

  private Snapshot collect(ModelRegistry models, Model model, SimDevice sim) throws Exception {
    Collector collector = new Collector(models, new HostKeyStore(tmp.resolve(model.name() + System.nanoTime())),
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Timeouts.defaults().device()));
    return collector.collect(TestDevices.device("doc-" + model.name(), sim.host(), sim.port(), model.name(), USER,
        PASSWORD, null, null, false, Map.of()));
  }

  private static void checkStored(DocumentedSessions.Session s, Model model, Snapshot snapshot) {
    for (Map.Entry<String, String> a : snapshot.artifacts().entrySet()) {
      assertFalse(a.getValue().contains("\u001b") || a.getValue().contains("\r"), a.getKey() + " holds terminal codes");
      assertEquals(null, model.rejected(a.getValue().lines().toList()), a.getKey() + " stores an error");
      String masked = NORMALIZER.normalize(a.getValue(), model.cleanupFor(a.getKey()), "capture");
      for (String secret : s.secrets()) {
        assertFalse(masked.contains(secret), a.getKey() + ": secret \"" + secret + "\" not masked:\n"
            + masked.lines().filter(l -> l.contains(secret)).findFirst().orElse(""));
      }
    }
    assertEquals(model.artifacts().stream().map(ArtifactSpec::name).toList(),
        List.copyOf(snapshot.artifacts().keySet()), "artifacts stored; notes " + snapshot.notes());
    String config = snapshot.artifacts().get("running-config");
    List<Pattern> drop = model.cleanupFor("running-config").dropLines();
    assertEquals(kept(reply(s, model), drop), kept(config.lines().toList(), drop),
        "stored config differs from the documented reply to the config command");
    String stored = String.join("\n", kept(config.lines().toList(), drop));
    for (String line : s.stored()) {
      assertTrue(stored.contains(line), "\"" + line + "\" is not stored");
    }
  }

  private static Map<String, List<String>> snapshotWithoutDrops(Model model, Snapshot snapshot) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    snapshot.artifacts().forEach((k, v) -> out.put(k, kept(v.lines().toList(), model.cleanupFor(k).dropLines())));
    return out;
  }

  /** The documented reply to the config command, less echo, the two-line prompt and terminal codes. */
  private static List<String> reply(DocumentedSessions.Session s, Model model) {
    String command = model.artifacts().stream().filter(a -> a.name().equals("running-config")).findFirst()
        .orElseThrow().sources().getFirst().target();
    String reply = s.capture().commands().stream().filter(e -> e.getKey().strip().equals(command))
        .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no reply to " + command));
    List<String> lines = new ArrayList<>(TerminalText.render(reply));
    assertTrue(lines.getFirst().strip().endsWith(command), "reply starts with the echo");
    lines.removeFirst();
    assertTrue(model.prompt().matcher(lines.getLast()).find(), "reply ends with a prompt: " + lines.getLast());
    lines.removeLast();
    while (!lines.isEmpty() && lines.getLast().isBlank()) lines.removeLast();
    if (model.promptAbove() != null) {
      assertTrue(model.promptAbove().matcher(lines.getLast()).find(), "the prompt's first line: " + lines.getLast());
      lines.removeLast();
    }
    return lines;
  }

  private static List<String> kept(List<String> lines, List<Pattern> drop) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String s = l.stripTrailing();
      if (drop.stream().noneMatch(p -> p.matcher(s).find())) out.add(s);
    }
    while (!out.isEmpty() && out.getFirst().isBlank()) out.removeFirst();
    while (!out.isEmpty() && out.getLast().isBlank()) out.removeLast();
    return out;
  }
}
