package dev.patina.collector;

import dev.patina.inventory.Timeouts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ssh.TerminalText;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
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

  /**
   * What the recordings put where a credential was (the recorder replaced passwords, keys and
   * communities by these): a model must mask every one, also in recordings without a secret.yaml.
   */
  private static final List<String> REDACTED_SECRETS =
      List.of("AAAAAAAAAABBBBBBBBBB", "PASSREMOVED", "CMNTREMOVED", "REDACTED");

  /** The real normaliser (model patterns, then the credential detector), as a backup runs it. */
  private static final Normalizer NORMALIZER =
      new Normalizer(SecretMasker.withKey("capture-test-key-0123456789abcdef".getBytes()));

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> everyCaptureIsBackedUpLineForLine() throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    // -Dpatina.capture=PREFIX runs only the recordings whose name starts with it
    List<Path> captures = Captures.all("simulation.yaml").stream()
        .filter(p -> p.getFileName().toString().startsWith(System.getProperty("patina.capture", ""))).toList();
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
                  a.optional(), a.complete(), a.minLines(), a.keepOnly(), a.cleanup(), a.format(),
                  a.dropBlocks(), a.structure())).toList();
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
      assertContainsBlock(reference(Files.readString(output), model), stored, output.getFileName().toString());
    }
    Map<String, Object> recording = new Yaml().load(Files.readString(file));
    if (recording.get("oxidized_output") instanceof String stored2) {
      assertContainsBlock(reference(stored2, model), stored, "oxidized_output of " + file.getFileName());
    }
    checkSignificantLines(file, model, snapshot);
    for (Map.Entry<String, String> a : snapshot.artifacts().entrySet()) {
      String masked = NORMALIZER.normalize(a.getValue(), model.cleanupFor(a.getKey()), "capture");
      for (String placeholder : REDACTED_SECRETS) {
        assertFalse(masked.contains(placeholder), a.getKey() + ": a credential (\"" + placeholder
            + "\" in the recording) is stored unmasked:\n" + line(masked, placeholder));
      }
    }
    Path secrets = sibling(file, "secret.yaml");
    if (Files.exists(secrets)) {
      Map<String, List<Object>> expect = new Yaml().load(Files.readString(secrets));
      for (Map.Entry<String, String> a : snapshot.artifacts().entrySet()) {
        String masked = NORMALIZER.normalize(a.getValue(), model.cleanupFor(a.getKey()), "capture");
        for (Object fail : expect.getOrDefault("fail", List.of())) {
          assertFalse(masked.contains(String.valueOf(fail)), a.getKey() + ": secret \"" + fail
              + "\" stored: not masked by the model's patterns nor the credential detector:\n" + line(masked, String.valueOf(fail)));
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
    // what git holds: volatile lines dropped and secrets masked
    snapshot.artifacts().forEach((name, text) -> kept(NORMALIZER.normalize(text, model.cleanupFor(name), "capture")
        .lines().toList(), model.cleanupFor(name).dropLines()).forEach(l -> stored.append(l).append('\n')));
    for (Object pass : expect.getOrDefault("pass", List.of())) {
      assertTrue(stored.toString().contains(String.valueOf(pass)), "\"" + pass + "\" is not stored");
    }
    for (Object fail : expect.getOrDefault("fail", List.of())) {
      assertFalse(stored.toString().contains(String.valueOf(fail)), "\"" + fail + "\" is stored: it would show as a change");
    }
  }

  /**
   * Lines a device printed after its pager while it waited for the key (V-SOL: an event message)
   * are moved before the pager's line, which ends the text again without its line end: the
   * device's erasing of its pager and the rest of the reply then land where the device meant.
   */
  private static void pagerLast(StringBuilder raw, Model model) {
    String[] lines = raw.toString().split("\n", -1);
    for (int j = lines.length - 1; j >= 0; j--) {
      String shown = TerminalText.renderLine(lines[j]);
      if (model.pagers().stream().anyMatch(p -> p.expect().matcher(shown).find())) {
        if (j == lines.length - 1) return; // the pager is last already
        StringBuilder moved = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
          if (i != j) moved.append(lines[i]).append('\n');
        }
        if (!lines[lines.length - 1].isEmpty() && !lines[lines.length - 1].endsWith("\r")) {
          moved.setLength(moved.length() - 1); // the last line had no line end
          moved.append("\r\n");
        }
        moved.append(lines[j].replaceAll("\r+$", ""));
        raw.setLength(0);
        raw.append(moved);
        return;
      }
    }
  }

  /** Oxidized's stored output less what the model drops as volatile (lines and blocks). */
  private static List<String> reference(String oxidized, Model model) {
    ArtifactSpec spec = model.artifacts().stream().filter(a -> a.name().equals("running-config"))
        .findFirst().orElseThrow();
    try {
      return kept(spec.withoutBlocks("reference", spec.name(), oxidized).lines().toList(), spec.cleanup().dropLines());
    } catch (CollectException e) {
      return kept(oxidized.lines().toList(), spec.cleanup().dropLines()); // a block Oxidized's output cuts short stays
    }
  }

  /** The reply to the config command as recorded, less echo, prompt and terminal codes. */
  private static List<String> deviceReply(Capture capture, Model model) {
    ArtifactSpec spec = model.artifacts().stream().filter(a -> a.name().equals("running-config"))
        .findFirst().orElseThrow();
    // the first source the recording answers: a command it replied to, or a file it served (scp)
    Map.Entry<String, String> answered = spec.sources().stream()
        .flatMap(s -> capture.commands().stream().filter(e -> e.getKey().strip().equals(s.target().strip())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("capture has no reply to any of " + spec.sources()));
    String command = answered.getKey().strip();
    StringBuilder paged = new StringBuilder(answered.getValue());
    if (capture.ordered()) {
      // a paged reply goes on in the steps that answer its pager (" " after "--More--")
      List<String> keys = model.pagers().stream().map(Model.Pager::send).toList();
      for (int i = capture.commands().indexOf(answered) + 1; i < capture.commands().size()
          && keys.contains(capture.commands().get(i).getKey()); i++) {
        pagerLast(paged, model);
        paged.append(capture.commands().get(i).getValue());
      }
    }
    String reply = paged.toString();
    boolean served = !answered.getKey().endsWith("\n") && !answered.getKey().endsWith("\r");
    List<String> lines = new ArrayList<>(TerminalText.render(reply));
    if (model.session() == Model.Session.SHELL && !served) {
      if (!lines.isEmpty() && (lines.getFirst().isBlank() || lines.getFirst().strip().endsWith(command))) {
        lines.removeFirst();
      }
      if (!reply.endsWith("\n") && !lines.isEmpty()) {
        assertTrue(model.prompt().matcher(lines.getLast()).find(), "reply does not end with a prompt");
        lines.removeLast();
      }
    }
    if (spec.format() == ArtifactFormat.AS_IS && spec.dropBlocks().isEmpty()) {
      return lines;
    }
    try {
      String laidOut = spec.format().apply("recording", spec.name(), String.join("\n", lines));
      return spec.withoutBlocks("recording", spec.name(), laidOut).lines().toList();
    } catch (CollectException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /**
   * {@code block} appears in {@code lines} as one run; else names the first line that differs.
   * Blank lines are not compared: Oxidized's reference outputs do not always keep them (its
   * pfSense model puts one where it removed the revision block). In a long configuration, up to
   * one line in 200 may differ where Oxidized's own capture lost or garbled lines (V-SOL: event
   * messages interrupting its pager), each followed by the same lines again within 5 lines.
   */
  private static void assertContainsBlock(List<String> withBlanks, List<String> blockWithBlanks, String where) {
    List<String> lines = withBlanks.stream().filter(l -> !l.isBlank()).toList();
    List<String> block = blockWithBlanks.stream().filter(l -> !l.isBlank()).toList();
    int allowed = block.size() / 200;
    int best = -1;
    int bestAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      int n = 0;
      int o = i;
      int differing = 0;
      while (n < block.size() && o < lines.size()) {
        if (same(lines.get(o), block.get(n))) {
          n++;
          o++;
          continue;
        }
        int[] resync = differing < allowed ? resync(lines, o, block, n) : null;
        if (resync == null) {
          break;
        }
        differing += Math.max(resync[0], resync[1]);
        o += resync[0];
        n += resync[1];
      }
      if (n == block.size() && differing <= allowed) {
        return;
      }
      if (n > best) {
        best = n;
        bestAt = o;
      }
    }
    String theirs = bestAt >= 0 && bestAt < lines.size() ? lines.get(bestAt) : "(end of file)";
    throw new AssertionError("config differs from the config part of " + where + " after "
        + best + " equal lines: stored \"" + block.get(Math.max(0, best)) + "\", " + where + " has \"" + theirs + "\"");
  }

  /** The smallest skip (in lines, at most 5 each side) after which both sides agree again, or null. */
  private static int[] resync(List<String> lines, int o, List<String> block, int n) {
    for (int total = 1; total <= 10; total++) {
      for (int a = 0; a <= Math.min(total, 5); a++) {
        int b = total - a;
        if (b > 5 || o + a >= lines.size() || n + b >= block.size()) {
          continue;
        }
        if (same(lines.get(o + a), block.get(n + b))) {
          return new int[] {a, b};
        }
      }
    }
    return null;
  }

  /** Equal, or equal but for a value Oxidized replaced ("<secret hidden>", "<value removed>", ...). */
  private static boolean same(String oxidized, String stored) {
    if (oxidized.equals(stored)) {
      return true;
    }
    if (oxidized.startsWith(stored) && oxidized.substring(stored.length()).matches("<!--[^>]*-->")) {
      return true; // Oxidized appends the version as a comment to a config.xml's last line
    }
    if (stored.equals(stored.stripLeading()) && oxidized.stripLeading().equals(stored)) {
      return true; // Oxidized keeps spaces a terminal overwrites (an Onyx pager erased with ESC [K)
    }
    if (stored.equals(oxidized + ",")) {
      return true; // Oxidized re-generates JSON after removing a key, so the one before loses its comma
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
