package dev.patina.collector;

import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ssh.TerminalText;
import dev.patina.sim.Capture;
import dev.patina.sim.SimDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every recorded session in the shared captures folder is replayed by device-sim and collected
 * over real SSH with the model for its prefix; a new capture is picked up without code changes.
 */
class EveryCaptureBackupTest {
  private static final Pattern OXIDIZED_MASK =
      Pattern.compile("<(secret hidden|secret removed|value removed|configuration removed)>");

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCaptureIsBackedUpLineForLine() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    List<Path> captures = Captures.all("simulation.yaml");
    assertFalse(captures.isEmpty(), "no captures found in " + Captures.dir());
    return captures.stream().map(file -> DynamicTest.dynamicTest(
        file.getFileName().toString(), () -> backUp(models, file)));
  }

  /** Models that read the config another way first (ProCurve: SCP) are also tried on the CLI alone. */
  @TestFactory
  Stream<DynamicTest> everyCaptureIsBackedUpOverTheCliAlone() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    return Captures.all("simulation.yaml").stream()
        .filter(file -> runningConfig(models.find(Captures.model(file)).orElseThrow()).sources().size() > 1)
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
          Model model = models.find(Captures.model(file)).orElseThrow();
          List<ArtifactSpec> cliOnly = model.artifacts().stream().map(a -> !a.name().equals("running-config") ? a
              : new ArtifactSpec(a.name(), a.sources().stream().filter(s -> s.kind().equals("command")).toList(),
                  a.optional(), a.complete(), a.minLines(), a.keepOnly(), a.cleanup())).toList();
          Model cli = new Model(model.name(), "test: CLI only", model.description(), model.match(), model.session(),
              model.prompt(), model.pagers(), model.login(), model.enable(), model.errors(), model.vars(), cliOnly);
          backUp(ModelRegistry.of(List.of(cli)), file);
        }));
  }

  private static ArtifactSpec runningConfig(Model model) {
    return model.artifacts().stream().filter(a -> a.name().equals("running-config")).findFirst().orElseThrow();
  }

  private void backUp(ModelRegistry models, Path file) throws Exception {
    Capture capture = Capture.load(file);
    Model model = models.find(Captures.model(file)).orElseThrow(
        () -> new AssertionError("model " + Captures.model(file) + " missing"));
    Collector collector = new Collector(models, new HostKeyStore(tmp.resolve(file.getFileName() + ".known_hosts")),
        new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Timeouts.defaults().device()));
    Snapshot snapshot;
    try (SimDevice sim = SimDevice.replay(capture).enablePassword(Captures.ENABLE).start()) {
      snapshot = collector.collect(Captures.target(sim, model.name()));
    }
    for (Map.Entry<String, String> a : snapshot.artifacts().entrySet()) {
      assertFalse(a.getValue().contains("\u001b"), a.getKey() + " holds an escape character");
      assertFalse(a.getValue().contains("\r"), a.getKey() + " holds a carriage return");
      assertEquals(null, model.rejected(a.getValue().lines().toList()), a.getKey() + " stores an error message");
      if (!a.getKey().equals("running-config")) {
        assertFalse(a.getValue().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\buptime\\b.*"),
            a.getKey() + " keeps an uptime, which changes every run:\n" + a.getValue());
      }
    }
    String config = snapshot.artifacts().get("running-config");
    assertTrue(config != null, "no running-config in " + snapshot.artifacts().keySet() + ", notes " + snapshot.notes());
    List<Pattern> drop = model.cleanupFor("running-config").dropLines();
    List<String> stored = kept(config.lines().toList(), drop);
    assertEquals(kept(deviceReply(capture, model), drop), stored,
        "stored config differs from the device's reply to the config command");
    Path output = sibling(file, "output.txt");
    if (Files.exists(output)) {
      assertContainsBlock(kept(Files.readAllLines(output), drop), stored, output.getFileName().toString());
    }
    checkSignificantLines(file, model, snapshot);
    Path secrets = sibling(file, "secret.yaml");
    if (Files.exists(secrets)) {
      Map<String, List<Object>> expect = new Yaml().load(Files.readString(secrets));
      for (Map.Entry<String, String> a : snapshot.artifacts().entrySet()) {
        String masked = SecretCheck.mask(a.getValue(), model.cleanupFor(a.getKey()).secrets());
        for (Object fail : expect.getOrDefault("fail", List.of())) {
          assertFalse(masked.contains(String.valueOf(fail)), a.getKey() + ": secret \"" + fail
              + "\" not captured by the model's secret patterns:\n" + line(masked, String.valueOf(fail)));
        }
      }
    }
  }

  /** significant_changes.yaml: "pass" lines are stored (a change to them shows), "fail" lines are not. */
  private static void checkSignificantLines(Path file, Model model, Snapshot snapshot) throws Exception {
    Path significant = sibling(file, "significant_changes.yaml");
    if (!Files.exists(significant)) {
      return;
    }
    Map<String, List<Object>> expect = new Yaml().load(Files.readString(significant));
    StringBuilder stored = new StringBuilder();
    snapshot.artifacts().forEach((name, text) -> kept(text.lines().toList(),
        model.cleanupFor(name).dropLines()).forEach(l -> stored.append(l).append('\n')));
    for (Object pass : expect.getOrDefault("pass", List.of())) {
      assertTrue(stored.toString().contains(String.valueOf(pass)), "\"" + pass + "\" is not stored");
    }
    for (Object fail : expect.getOrDefault("fail", List.of())) {
      assertFalse(stored.toString().contains(String.valueOf(fail)), "\"" + fail + "\" is stored: it would show as a change");
    }
  }

  /** The reply to the config command as recorded, less echo, prompt and terminal codes. */
  private static List<String> deviceReply(Capture capture, Model model) {
    ArtifactSpec spec = model.artifacts().stream().filter(a -> a.name().equals("running-config"))
        .findFirst().orElseThrow();
    String command = spec.sources().stream().filter(s -> s.kind().equals("command")).findFirst()
        .orElseThrow().target();
    String reply = capture.commands().stream().filter(e -> e.getKey().strip().equals(command))
        .map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("capture has no reply to " + command));
    List<String> lines = new ArrayList<>(TerminalText.render(reply));
    if (model.session() == Model.Session.SHELL) {
      if (!lines.isEmpty() && (lines.getFirst().isBlank() || lines.getFirst().strip().endsWith(command))) {
        lines.removeFirst();
      }
      if (!reply.endsWith("\n") && !lines.isEmpty()) {
        assertTrue(model.prompt().matcher(lines.getLast()).find(), "reply does not end with a prompt");
        lines.removeLast();
      }
    }
    return lines;
  }

  /** {@code block} appears in {@code lines} as one contiguous run; else names the first line that differs. */
  private static void assertContainsBlock(List<String> lines, List<String> block, String where) {
    int best = -1;
    int bestAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      int n = 0;
      while (n < block.size() && i + n < lines.size() && same(lines.get(i + n), block.get(n))) {
        n++;
      }
      if (n == block.size()) {
        return;
      }
      if (n > best) {
        best = n;
        bestAt = i;
      }
    }
    String theirs = bestAt + best < lines.size() ? lines.get(bestAt + best) : "(end of file)";
    throw new AssertionError("config differs from the config part of " + where + " after "
        + best + " equal lines: stored \"" + block.get(best) + "\", " + where + " has \"" + theirs + "\"");
  }

  /** Equal, or equal but for a value Oxidized replaced ("<secret hidden>", "<value removed>", ...). */
  private static boolean same(String oxidized, String stored) {
    if (oxidized.equals(stored)) {
      return true;
    }
    Matcher m = OXIDIZED_MASK.matcher(oxidized);
    if (!m.find()) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    int last = 0;
    m.reset();
    while (m.find()) {
      regex.append(Pattern.quote(oxidized.substring(last, m.start()))).append(".*");
      last = m.end();
    }
    regex.append(Pattern.quote(oxidized.substring(last)));
    return stored.matches(regex.toString());
  }

  private static List<String> kept(List<String> lines, List<Pattern> drop) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String s = l.stripTrailing();
      if (drop.stream().noneMatch(p -> p.matcher(s).find())) {
        out.add(s);
      }
    }
    while (!out.isEmpty() && out.getFirst().isBlank()) {
      out.removeFirst();
    }
    while (!out.isEmpty() && out.getLast().isBlank()) {
      out.removeLast();
    }
    return out;
  }

  private static Path sibling(Path simulation, String kind) {
    String name = simulation.getFileName().toString();
    return simulation.resolveSibling(name.substring(0, name.length() - "simulation.yaml".length()) + kind);
  }

  private static String line(String text, String needle) {
    return text.lines().filter(l -> l.contains(needle)).findFirst().orElse("");
  }
}
