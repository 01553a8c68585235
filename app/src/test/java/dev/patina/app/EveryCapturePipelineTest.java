package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.SharedCaptures;
import dev.patina.store.RepoStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every recorded session in shared/device-captures and shared/more-device-captures, replayed by
 * device-sim and backed up through the whole pipeline in one run: stored in git, mailed, no
 * secret of its secret.yaml and no credential the recorder left a placeholder for in either, and
 * significant_changes.yaml honoured in git. A capture added to a folder is picked up without code
 * changes; one whose prefix has no model fails.
 */
class EveryCapturePipelineTest {
  /** Capture prefix (Oxidized's model name) to Patina model, as patina import maps it. */
  private static final Map<String, String> MODEL_OF = dev.patina.inventory.LegacyImport.oxidizedTypes();
  /** What the recorder put where a credential was; none may reach git or the mail. */
  private static final List<String> REDACTED = List.of("AAAAAAAAAABBBBBBBBBB", "PASSREMOVED", "CMNTREMOVED", "REDACTED");

  @Test
  void everyCaptureIsBackedUpAndNoSecretReachesGitOrMail(@TempDir Path dir) throws Exception {
    Map<String, Path> byDevice = new LinkedHashMap<>();
    List<Path> sessions = new ArrayList<>();
    for (String folder : List.of("device-captures", "more-device-captures")) {
      try (Stream<Path> files = Files.list(SharedCaptures.dir(folder))) {
        files.filter(p -> p.toString().endsWith("#simulation.yaml") || p.toString().endsWith("#custom_simulation.yaml"))
            .sorted().forEach(sessions::add);
      }
    }
    try (TestFleet fleet = new TestFleet(dir)) {
      for (Path sim : sessions) {
        String file = sim.getFileName().toString();
        String prefix = file.substring(0, file.indexOf('#'));
        String model = MODEL_OF.get(prefix);
        assertTrue(model != null, "no model for capture prefix \"" + prefix + "\" (" + file + ")");
        String name = (prefix + "-" + file.substring(prefix.length() + 1, file.lastIndexOf('#')))
            .replaceAll("[^A-Za-z0-9._-]", "_");
        fleet.capture(name, sim, model, "enable-pw");
        byDevice.put(name, sim);
      }
      TestFleet.Result run = fleet.patina("run");
      assertEquals(0, run.status(), run.toString());
      StringBuilder mail = new StringBuilder();
      for (MimeMessage m : fleet.smtp.getReceivedMessages()) mail.append(EndToEndTest.raw(m));
      String mailText = mail.toString();
      List<String> problems = new ArrayList<>();
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        for (Map.Entry<String, Path> e : byDevice.entrySet()) {
          Map<String, String> stored = store.readDevice(e.getKey());
          if (stored.isEmpty()) problems.add(e.getKey() + ": nothing stored");
          String all = String.join("\n", stored.values());
          if (section(mailText, e.getKey()).isEmpty()) problems.add(e.getKey() + ": not in the digest");
          if (all.contains("\u001b") || all.contains("\r")) problems.add(e.getKey() + ": terminal codes in git");
          for (String placeholder : REDACTED) {
            if (all.contains(placeholder)) problems.add(e.getKey() + ": credential \"" + placeholder + "\" in git");
            if (section(mailText, e.getKey()).contains(placeholder)) {
              problems.add(e.getKey() + ": credential \"" + placeholder + "\" in the email");
            }
          }
          Path significant = Path.of(e.getValue().toString().replaceAll("#(custom_)?simulation\\.yaml$",
              "#significant_changes.yaml"));
          if (Files.exists(significant)) {
            Map<String, List<String>> spec = new Yaml().load(Files.readString(significant));
            for (String fail : list(spec, "fail")) {
              if (all.contains(fail)) problems.add(e.getKey() + ": \"" + fail + "\" in git would show as a change");
            }
            for (String pass : list(spec, "pass")) {
              if (!all.contains(pass)) problems.add(e.getKey() + ": \"" + pass + "\" not in git");
            }
          }
          Path secrets = Path.of(e.getValue().toString().replace("#simulation.yaml", "#secret.yaml"));
          if (!Files.exists(secrets)) continue;
          Map<String, List<String>> spec = new Yaml().load(Files.readString(secrets));
          for (String fail : list(spec, "fail")) {
            if (all.contains(fail)) problems.add(e.getKey() + ": secret \"" + fail + "\" in git");
            if (section(mailText, e.getKey()).contains(fail)) {
              problems.add(e.getKey() + ": secret \"" + fail + "\" in the email");
            }
          }
          for (String pass : list(spec, "pass")) {
            // Oxidized replaces a secret and its quotes by "<secret hidden>"; Patina keeps the
            // line's syntax (quotes included) and replaces only the value by a keyed token
            String token = "\"?<secret:[0-9a-f]{16}>\"?";
            String ours = pass.replace("<secret hidden>", token).replace("<secret removed>", token)
                .replace("<configuration removed>", token);
            if (!Pattern.compile(ours, Pattern.MULTILINE).matcher(all).find()) {
              problems.add(e.getKey() + ": expected a masked line matching " + ours);
            }
          }
        }
      }
      assertEquals(List.of(), problems, run.out());
    }
  }

  /** The part of the digest about one device: from its heading to the next one. */
  private static String section(String mail, String device) {
    int start = mail.indexOf("NEW " + device + "\n");
    if (start < 0) start = mail.indexOf("NEW " + device + " ");
    if (start < 0) return "";
    int end = mail.indexOf("\n=====", start);
    return end < 0 ? mail.substring(start) : mail.substring(start, end);
  }

  private static List<String> list(Map<String, List<String>> spec, String key) {
    List<String> v = spec.get(key);
    return v == null ? List.of() : v;
  }
}
