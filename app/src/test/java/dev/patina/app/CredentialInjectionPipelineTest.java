package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.collector.ArtifactFormat;
import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.sim.Capture;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credential lines written from each vendor's configuration guide (the corpus in
 * collector/src/test/resources/credentials) are injected into a recorded session of every
 * platform with one in ../shared/device-captures or ../shared/more-device-captures (into the
 * reply its running-config is read from: a command or a file served over SCP) between two runs
 * of {@code patina run}: no value may reach any git object, the digest, the JSON report, the
 * output, or {@code diff}/{@code show}/{@code log -p}; each line is stored with its values as
 * tags and the plain lines unchanged, and {@code patina secrets audit --history} finds nothing.
 * A JSON export (Eaton Network-M3: one line over exec) takes the corpus as one more member of
 * its top-level object, so it stays JSON. Every built-in model with a recorded session is
 * covered, and linux (a prompt recording only) through device-sim's Linux host, its corpus
 * appended to the files its artifacts are read from.
 */
class CredentialInjectionPipelineTest {
  /** The model of each recorded session's prefix (Oxidized's model name, as patina import maps it). */
  private static final Map<String, String> MODEL_OF = dev.patina.inventory.LegacyImport.oxidizedTypes();

  private static final Pattern VALUE = Pattern.compile("\\{\\{(.*?)}}");
  private static final Path CORPUS = Path.of("../collector/src/test/resources/credentials");

  /** An injected line: as sent by the device, the values in it, the stored form expected. */
  record Injected(String raw, List<String> values, Pattern stored) {}

  /** An artifact of a device. */
  record Stored(String device, String artifact) {
    @Override
    public String toString() {
      return device + " " + artifact;
    }
  }

  @Test
  void credentialsInjectedIntoEveryPlatformReachNoGitObjectDigestReportOrOutput(@TempDir Path dir) throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    Map<Stored, List<Injected>> injected = new LinkedHashMap<>();
    Map<String, String> anchors = new LinkedHashMap<>();
    Map<Stored, Path> files = new LinkedHashMap<>();
    Map<String, String> modelOf = new LinkedHashMap<>();
    List<String> jsonModels = new ArrayList<>();
    try (TestFleet fleet = new TestFleet(dir)) {
      for (Path sim : TestFleet.recordedSessions()) {
        String prefix = sim.getFileName().toString().split("#")[0];
        String name = MODEL_OF.get(prefix);
        assertTrue(name != null, sim.getFileName() + ": no model known for prefix \"" + prefix + "\"; add it to LegacyImport's Oxidized model names");
        if (modelOf.containsValue(name)) continue; // one recording per platform
        Model model = models.find(name).orElseThrow(() -> new AssertionError("no built-in model " + name));
        Capture capture = Capture.load(sim);
        String device = prefix + "-1";
        fleet.capture(device, sim, name, "enable-pw");
        modelOf.put(device, name);
        boolean json = configSpec(model).format() == ArtifactFormat.JSON;
        anchors.put(device, json ? jsonAnchor(capture, configReply(model, capture))
            : anchor(capture, configReply(model, capture)));
        injected.put(new Stored(device, "running-config"), java.util.Objects.requireNonNull(
            corpus(name, json).get("running-config"), name + ".txt has no running-config lines"));
        if (json) jsonModels.add(device);
      }
      // Linux hosts have no recorded session (a prompt only): device-sim's Linux host serves files
      // below a root folder, and the corpus of each file artifact is appended to its file
      Model linux = models.find("linux").orElseThrow();
      Path root = dir.resolve("linux-root");
      for (Map.Entry<String, List<Injected>> a : corpus("linux", false).entrySet()) {
        if (a.getKey().startsWith("state/")) continue; // read from the host's state, not a file
        Path file = root.resolve(filePath(linux, a.getKey()).substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# " + a.getKey() + " of a host backed up before the change\n");
        injected.put(new Stored("linux-1", a.getKey()), a.getValue());
        files.put(new Stored("linux-1", a.getKey()), file);
      }
      fleet.linux("linux-1", root);
      modelOf.put("linux-1", "linux");

      TestFleet.Result first = fleet.patina("run");
      assertEquals(0, first.status(), first.toString());
      // the libraries' debug log is one file for the whole test JVM: only what is written from now on is read
      Path debugLog = DebugLog.file();
      long debugFrom = debugLog != null && Files.exists(debugLog) ? Files.size(debugLog) : 0;
      // a value must be one no recording holds, or finding it later proves nothing
      try (Repository repo = fleet.repository()) {
        String before = allObjects(repo);
        for (List<Injected> lines : injected.values()) {
          for (Injected i : lines) {
            for (String v : i.values()) {
              assertTrue(!before.contains(v), "corpus value \"" + v + "\" is stored before it is injected: pick one"
                  + " no recording holds (" + i.raw().strip() + ")");
            }
          }
        }
      }
      Map<Stored, String> storedBefore = new LinkedHashMap<>();
      for (Stored s : injected.keySet()) {
        TestFleet.Result show = fleet.patina("show", s.device(), s.artifact());
        assertEquals(0, show.status(), show.toString());
        storedBefore.put(s, show.out());
      }

      int values = 0;
      for (Map.Entry<Stored, List<Injected>> e : injected.entrySet()) {
        String device = e.getKey().device();
        values += e.getValue().stream().mapToInt(i -> i.values().size()).sum();
        if (jsonModels.contains(device)) {
          // a JSON export (Eaton: one line over exec): the corpus goes in as one more member of
          // its top-level object, nested as its pretty-printed lines are
          String anchor = anchors.get(device);
          fleet.devices.get(device).replaceInReplies(anchor,
              "{\"patinaCorpus\":" + json(e.getValue()) + "," + anchor.substring(1));
          continue;
        }
        String anchor = files.containsKey(e.getKey()) ? "" : anchors.get(device);
        String eol = anchor.endsWith("\r\n") ? "\r\n" : "\n";
        StringBuilder lines = new StringBuilder();
        for (Injected i : e.getValue()) lines.append(i.raw()).append(eol);
        // the corpus is a list of lines, not a configuration: close what its lines open, so a
        // model that checks the structure (Junos braces) still sees a whole configuration
        for (int open = openBraces(lines.toString()); open > 0; open--) lines.append('}').append(eol);
        if (files.containsKey(e.getKey())) {
          Files.writeString(files.get(e.getKey()), lines, java.nio.file.StandardOpenOption.APPEND);
        } else {
          fleet.devices.get(device).replaceInReplies(anchor, anchor + lines);
        }
      }
      System.out.printf("credential injection: %d platforms (%s), %d artifacts, %d injected lines, %d credential"
          + " values%n", modelOf.size(), String.join(", ", modelOf.values()), injected.size(),
          injected.values().stream().mapToInt(List::size).sum(), values);
      // every built-in model with a recorded session takes the corpus, none is left out: 34 today
      // (fastiron has a prompt recording only: its model ruckus-icx is covered by ironware), and linux
      assertTrue(modelOf.size() >= 35, "only " + modelOf.size() + " platforms: " + modelOf.values());
      fleet.smtp.purgeEmailFromAllMailboxes();
      Path report = dir.resolve("report.json");
      TestFleet.Result second = fleet.patina("run", "--report", report.toString());
      assertEquals(0, second.status(), second.toString());

      StringBuilder mail = new StringBuilder();
      for (MimeMessage m : fleet.smtp.getReceivedMessages()) mail.append(EndToEndTest.raw(m));
      assertTrue(mail.length() > 0, "no digest after the change");
      Map<String, String> shown = new LinkedHashMap<>();
      shown.put("the digest", mail.toString());
      shown.put("the JSON report", Files.readString(report));
      shown.put("the output of patina run", first.out() + first.err() + second.out() + second.err());
      List<String> problems = new ArrayList<>();
      try (Repository repo = fleet.repository()) {
        shown.put("git objects", allObjects(repo));
        for (String device : modelOf.keySet()) {
          TestFleet.Result diff = fleet.patina("diff", device);
          TestFleet.Result log = fleet.patina("log", "-p", device);
          shown.put("patina diff/log -p " + device, diff.out() + diff.err() + log.out() + log.err());
          assertEquals(0, diff.status() + log.status(), diff + "\n" + log);
          assertTrue(mail.toString().contains(device), "digest does not mention " + device);
        }
        for (Map.Entry<Stored, List<Injected>> e : injected.entrySet()) {
          Stored where = e.getKey();
          TestFleet.Result show = fleet.patina("show", where.device(), where.artifact());
          shown.put("patina show " + where, show.out() + show.err());
          assertEquals(0, show.status(), show.toString());
          String stored = show.out();
          // the injection took: a line that was recorded already (a masked "passphrase") matches too
          String before = storedBefore.get(where);
          long grown = stored.lines().count() - before.lines().count();
          if (grown < e.getValue().size()) {
            Map<String, Integer> count = new LinkedHashMap<>();
            before.lines().forEach(l -> count.merge(l, 1, Integer::sum));
            stored.lines().forEach(l -> count.merge(l, -1, Integer::sum));
            problems.add(where + ": " + e.getValue().size() + " lines injected, the stored text grew by " + grown
                + "; lines stored fewer times than before: " + count.entrySet().stream().filter(c -> c.getValue() > 0)
                    .map(Map.Entry::getKey).toList() + "\n--- before\n" + before + "--- after\n" + stored);
          }
          for (Injected i : e.getValue()) {
            if (!i.stored().matcher(stored).find()) {
              String start = i.raw().strip().split(" ")[0];
              problems.add(where + ": injected line not stored as expected: " + i.stored().pattern()
                  + "\n  stored lines starting with \"" + start + "\": " + stored.lines()
                      .filter(l -> l.strip().startsWith(start)).toList());
            }
          }
        }
      }
      // what patina keeps beside the repository (state, outbox, known hosts) and the debug log
      try (Stream<Path> state = Files.walk(dir.resolve("state"))) {
        for (Path f : state.filter(Files::isRegularFile).toList()) {
          shown.put("the state file " + dir.relativize(f), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
        }
      }
      if (debugLog != null && Files.exists(debugLog)) {
        try (java.io.InputStream in = Files.newInputStream(debugLog)) {
          in.skipNBytes(Math.min(debugFrom, Files.size(debugLog)));
          shown.put("the debug log " + debugLog, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      for (Map.Entry<Stored, List<Injected>> e : injected.entrySet()) {
        for (Injected i : e.getValue()) {
          for (String v : i.values()) {
            shown.forEach((where, text) -> {
              if (text.contains(v)) problems.add(e.getKey() + ": value \"" + v + "\" in " + where);
            });
          }
        }
      }
      System.out.printf("credential injection: values looked for in %d texts: %s%n", shown.size(),
          shown.keySet().stream().filter(k -> !k.startsWith("patina ")).toList()
              + ", patina diff and log -p of each device, patina show of each artifact");
      assertEquals("", String.join("\n", problems));
      TestFleet.Result audit = fleet.patina("secrets", "audit", "--history");
      assertEquals(0, audit.status(), "everything stored by this release is masked:\n" + audit);
    }
  }

  /**
   * A model's corpus, its lines by artifact (running-config unless an {@code artifact:} line says). With
   * {@code json}, the lines are pretty-printed JSON laid out again by the model: each is expected
   * whatever its indentation and with or without its trailing comma.
   */
  static Map<String, List<Injected>> corpus(String model, boolean json) throws Exception {
    Map<String, List<Injected>> out = new LinkedHashMap<>();
    String artifact = "running-config";
    for (String text : Files.readAllLines(CORPUS.resolve(model + ".txt"), StandardCharsets.UTF_8)) {
      if (text.startsWith("artifact: ")) artifact = text.substring("artifact: ".length()).strip();
      if (!(text.startsWith("secret: ") || text.startsWith("plain: "))) continue;
      String source = text.substring(text.indexOf(' ') + 1);
      String expect = json ? source.strip().replaceFirst(",$", "") : source;
      List<String> values = new ArrayList<>();
      Matcher m = VALUE.matcher(expect);
      StringBuilder re = new StringBuilder(json ? "(?m)^\\s*" : "(?m)^");
      int last = 0;
      while (m.find()) {
        values.add(m.group(1));
        re.append(Pattern.quote(expect.substring(last, m.start()))).append("<secret:[0-9a-f]{16}>");
        last = m.end();
      }
      re.append(Pattern.quote(expect.substring(last))).append(json ? ",?$" : "$");
      out.computeIfAbsent(artifact, k -> new ArrayList<>()).add(new Injected(
          VALUE.matcher(source).replaceAll(r -> Matcher.quoteReplacement(r.group(1))), values,
          Pattern.compile(re.toString())));
    }
    return out;
  }

  /**
   * The file an artifact of a model is read from, its vars filled in: {@code interfaces.d/vpn}
   * of linux is {@code /etc/network/interfaces.d/vpn} (the artifact {@code interfaces.d/{file}}
   * read from {@code ${interfaces-dir}/*}).
   */
  private static String filePath(Model model, String artifact) {
    for (ArtifactSpec spec : model.artifacts()) {
      String file = spec.name().contains("{file}") && artifact.startsWith(spec.name().replace("{file}", ""))
          ? artifact.substring(spec.name().indexOf("{file}")) : spec.name().equals(artifact) ? "" : null;
      if (file == null) continue;
      for (ArtifactSpec.Source s : spec.sources()) {
        if (!s.kind().equals("file")) continue;
        Matcher var = Pattern.compile("\\$\\{([\\w-]+)}").matcher(s.target());
        String path = var.replaceAll(v -> Matcher.quoteReplacement(model.vars().get(v.group(1))));
        return file.isEmpty() ? path : path.replace("*", file);
      }
    }
    throw new AssertionError(model.name() + " reads no file for the artifact " + artifact);
  }

  /**
   * Pretty-printed JSON lines (a corpus: parts of an export with the rest left out) as one
   * compact JSON object. The nesting is read from the indentation (two spaces a level), so
   * closing lines may be missing; where lines were left out above a deeper line, an object
   * {@code "elided-N"} stands for them.
   */
  static String json(List<Injected> lines) {
    record Open(int indent, char close, boolean[] hasItems) {}
    StringBuilder out = new StringBuilder("{");
    java.util.ArrayDeque<Open> stack = new java.util.ArrayDeque<>();
    stack.push(new Open(-2, '}', new boolean[1]));
    int elided = 0;
    for (Injected i : lines) {
      String raw = i.raw();
      int indent = raw.length() - raw.stripLeading().length();
      String t = raw.strip().replaceFirst(",$", "");
      while (stack.size() > 1 && stack.peek().indent() >= indent) out.append(stack.pop().close());
      if (t.equals("}") || t.equals("]")) continue;
      while (indent > stack.peek().indent() + 2) { // lines left out: an object stands for them
        Open top = stack.peek();
        if (top.hasItems()[0]) out.append(',');
        top.hasItems()[0] = true;
        if (top.close() == '}') out.append("\"elided-").append(++elided).append("\":");
        out.append('{');
        stack.push(new Open(top.indent() + 2, '}', new boolean[1]));
      }
      Open top = stack.peek();
      if (top.hasItems()[0]) out.append(',');
      top.hasItems()[0] = true;
      boolean keyed = t.startsWith("\"");
      if (keyed != (top.close() == '}')) {
        if (!keyed) out.append("\"elided-").append(++elided).append("\":");
        else throw new AssertionError("a keyed JSON line inside a list: " + raw);
      }
      if (keyed) {
        int key = t.indexOf('"', 1);
        int colon = t.indexOf(':', key);
        out.append(t, 0, key + 1).append(':');
        t = t.substring(colon + 1).strip();
      }
      out.append(t);
      if (t.equals("{") || t.equals("[")) stack.push(new Open(indent, t.equals("{") ? '}' : ']', new boolean[1]));
    }
    while (!stack.isEmpty()) out.append(stack.pop().close());
    return out.toString();
  }

  private static ArtifactSpec configSpec(Model model) {
    return model.artifacts().stream().filter(a -> a.name().equals("running-config")).findFirst()
        .orElseThrow(() -> new AssertionError(model.name() + " has no running-config artifact"));
  }

  /** The start of the JSON document of the config reply (its first '{' and what follows), found once in it. */
  private static String jsonAnchor(Capture capture, String reply) {
    int start = reply.indexOf('{');
    assertTrue(start >= 0, capture.name() + ": the config reply holds no JSON object");
    String anchor = reply.substring(start, Math.min(reply.length(), start + 40));
    assertEquals(reply.indexOf(anchor), reply.lastIndexOf(anchor), capture.name() + ": " + anchor + " is not unique");
    return anchor;
  }

  /**
   * The recorded reply the model's running-config is read from: its first source (command,
   * or a file served over SCP) the recording answers, as the collector tries them in order.
   */
  private static String configReply(Model model, Capture capture) {
    ArtifactSpec spec = configSpec(model);
    for (ArtifactSpec.Source s : spec.sources()) {
      for (Map.Entry<String, String> c : capture.commands()) {
        if (c.getKey().strip().equals(s.target().strip())) return c.getValue();
      }
    }
    throw new AssertionError(capture.name() + ": no reply to any of " + spec.sources());
  }

  /**
   * A whole line of the config reply, found once in it, after which lines are injected: away
   * from its start (echo, banners) and end (an "end" line, the prompt) when the reply is long
   * enough; in a short recording (a few lines of snippets) any line after the echo; in an empty
   * configuration (SonicOS snippets: echo and prompt only) the echo of the command itself.
   */
  private static String anchor(Capture capture, String reply) {
    String[] lines = reply.split("(?<=\n)");
    for (int[] range : new int[][] {{3, lines.length - 2}, {1, lines.length - 1}, {0, lines.length - 1}}) {
      for (int i = range[0]; i < range[1]; i++) {
        String l = lines[i];
        if (l.strip().length() >= 12 && l.endsWith("\n") && reply.indexOf(l) == reply.lastIndexOf(l)
            && !l.contains("\u001b")) {
          return l;
        }
      }
    }
    throw new AssertionError(capture.name() + ": no unique line to inject after in the config reply");
  }

  /** Every object reachable from every ref (commits, trees, blobs) as text, commit messages included. */
  static String allObjects(Repository repo) throws Exception {
    StringBuilder all = new StringBuilder();
    try (ObjectWalk walk = new ObjectWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefs()) {
        ObjectId id = ref.getObjectId();
        if (id != null) walk.markStart(walk.parseAny(id));
      }
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        all.append(new String(repo.open(c).getBytes(), StandardCharsets.UTF_8)).append('\n');
      }
      for (RevObject o = walk.nextObject(); o != null; o = walk.nextObject()) {
        if (o.getType() == Constants.OBJ_BLOB || o.getType() == Constants.OBJ_TREE) {
          all.append(new String(repo.open(o).getBytes(), StandardCharsets.UTF_8)).append('\n');
        }
      }
    }
    return all.toString();
  }

  /** Curly braces opened and not closed in {@code text}, outside double-quoted strings. */
  private static int openBraces(String text) {
    int depth = 0;
    boolean quoted = false;
    for (int c = 0; c < text.length(); c++) {
      char ch = text.charAt(c);
      if (ch == '\n') quoted = false;
      else if (ch == '"') quoted = !quoted;
      else if (!quoted && ch == '{') depth++;
      else if (!quoted && ch == '}') depth--;
    }
    return depth;
  }
}
