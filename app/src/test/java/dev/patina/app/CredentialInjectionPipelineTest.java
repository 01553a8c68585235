package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * platform between two runs of {@code patina run}: no value may reach any git object, the
 * digest, the JSON report, the output, or {@code diff}/{@code show}/{@code log -p}; each line is
 * stored with its values as tags and the plain lines unchanged.
 */
class CredentialInjectionPipelineTest {
  private static final Map<String, String> MODEL_OF = Map.ofEntries(Map.entry("ios", "cisco-ios"),
      Map.entry("nxos", "cisco-nxos"), Map.entry("asa", "cisco-asa"), Map.entry("eos", "arista-eos"),
      Map.entry("junos", "juniper-junos"), Map.entry("procurve", "hp-procurve"), Map.entry("h3c", "hpe-comware"),
      Map.entry("aoscx", "aruba-aoscx"), Map.entry("routeros", "mikrotik-routeros"), Map.entry("vyos", "vyos"));
  private static final Pattern VALUE = Pattern.compile("\\{\\{(.*?)}}");
  private static final Path CORPUS = Path.of("../collector/src/test/resources/credentials");

  /** An injected line: as sent by the device, the values in it, the stored form expected. */
  record Injected(String raw, List<String> values, Pattern stored) {}

  @Test
  void credentialsInjectedIntoEveryPlatformReachNoGitObjectDigestReportOrOutput(@TempDir Path dir) throws Exception {
    ModelRegistry models = ModelRegistry.load(null);
    Map<String, List<Injected>> injected = new LinkedHashMap<>();
    Map<String, Capture> captures = new LinkedHashMap<>();
    try (TestFleet fleet = new TestFleet(dir)) {
      for (Map.Entry<String, String> p : MODEL_OF.entrySet()) {
        Path sim;
        try (Stream<Path> files = Files.list(TestFleet.captures())) {
          sim = files.filter(f -> f.getFileName().toString().startsWith(p.getKey() + "#")
              && f.toString().endsWith("#simulation.yaml")).sorted().findFirst().orElseThrow();
        }
        String device = p.getKey() + "-1";
        fleet.capture(device, sim, p.getValue(), "enable-pw");
        captures.put(device, Capture.load(sim));
        injected.put(device, corpus(p.getValue()));
      }
      TestFleet.Result first = fleet.patina("run");
      assertEquals(0, first.status(), first.toString());

      for (Map.Entry<String, List<Injected>> e : injected.entrySet()) {
        String device = e.getKey();
        Model model = models.find(MODEL_OF.get(device.substring(0, device.indexOf('-')))).orElseThrow();
        String anchor = anchor(captures.get(device), configCommand(model));
        String eol = anchor.endsWith("\r\n") ? "\r\n" : "\n";
        StringBuilder lines = new StringBuilder();
        for (Injected i : e.getValue()) lines.append(i.raw()).append(eol);
        // the corpus is a list of lines, not a configuration: close what its lines open, so a
        // model that checks the structure (Junos braces) still sees a whole configuration
        for (int open = openBraces(lines.toString()); open > 0; open--) lines.append('}').append(eol);
        fleet.devices.get(device).replaceInReplies(anchor, anchor + lines);
      }
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
        for (Map.Entry<String, List<Injected>> e : injected.entrySet()) {
          String device = e.getKey();
          TestFleet.Result diff = fleet.patina("diff", device);
          TestFleet.Result show = fleet.patina("show", device);
          TestFleet.Result log = fleet.patina("log", "-p", device);
          shown.put("patina diff/show/log -p " + device, diff.out() + diff.err() + show.out() + show.err()
              + log.out() + log.err());
          assertEquals(0, diff.status() + show.status() + log.status(), diff + "\n" + show + "\n" + log);
          String stored = show.out();
          for (Injected i : e.getValue()) {
            if (!i.stored().matcher(stored).find()) {
              problems.add(device + ": injected line not stored as expected: " + i.stored().pattern());
            }
          }
          assertTrue(mail.toString().contains(device), "digest does not mention " + device);
        }
      }
      for (Map.Entry<String, List<Injected>> e : injected.entrySet()) {
        for (Injected i : e.getValue()) {
          for (String v : i.values()) {
            shown.forEach((where, text) -> {
              if (text.contains(v)) problems.add(e.getKey() + ": value \"" + v + "\" in " + where);
            });
          }
        }
      }
      assertEquals("", String.join("\n", problems));
      TestFleet.Result audit = fleet.patina("secrets", "audit", "--history");
      assertEquals(0, audit.status(), "everything stored by this release is masked:\n" + audit);
    }
  }

  /** The running-config lines of a model's corpus; lines of other artifacts are left out. */
  static List<Injected> corpus(String model) throws Exception {
    List<Injected> out = new ArrayList<>();
    boolean config = true;
    for (String text : Files.readAllLines(CORPUS.resolve(model + ".txt"), StandardCharsets.UTF_8)) {
      if (text.startsWith("artifact: ")) config = text.strip().equals("artifact: running-config");
      if (!config || !(text.startsWith("secret: ") || text.startsWith("plain: "))) continue;
      String source = text.substring(text.indexOf(' ') + 1);
      List<String> values = new ArrayList<>();
      Matcher m = VALUE.matcher(source);
      StringBuilder re = new StringBuilder("(?m)^");
      int last = 0;
      while (m.find()) {
        values.add(m.group(1));
        re.append(Pattern.quote(source.substring(last, m.start()))).append("<secret:[0-9a-f]{16}>");
        last = m.end();
      }
      re.append(Pattern.quote(source.substring(last))).append("$");
      out.add(new Injected(VALUE.matcher(source).replaceAll(r -> Matcher.quoteReplacement(r.group(1))), values,
          Pattern.compile(re.toString())));
    }
    return out;
  }

  private static String configCommand(Model model) {
    ArtifactSpec spec = model.artifacts().stream().filter(a -> a.name().equals("running-config")).findFirst()
        .orElseThrow();
    return spec.sources().stream().filter(s -> s.kind().equals("command")).findFirst().orElseThrow().target();
  }

  /** A whole line of the config reply, found once in it, after which lines are injected. */
  private static String anchor(Capture capture, String command) {
    String reply = capture.commands().stream().filter(c -> c.getKey().strip().equals(command)).findFirst()
        .orElseThrow(() -> new AssertionError("no reply to " + command)).getValue();
    String[] lines = reply.split("(?<=\n)");
    for (int i = 3; i < lines.length - 2; i++) {
      String l = lines[i];
      if (l.strip().length() >= 12 && l.endsWith("\n") && reply.indexOf(l) == reply.lastIndexOf(l)
          && !l.contains("\u001b")) {
        return l;
      }
    }
    throw new AssertionError("no unique line to inject after in the reply to " + command);
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
