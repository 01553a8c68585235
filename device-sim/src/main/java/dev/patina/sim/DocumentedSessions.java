package dev.patina.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Sessions written from vendor documentation, not recorded (resources
 * {@code documented-sessions/}, see its README): for platforms without a recording, each with
 * what its test must prove.
 */
public final class DocumentedSessions {
  private static final String DIR = "/documented-sessions/";

  private DocumentedSessions() {}

  /**
   * One documented session.
   *
   * @param name file name stem, {@code <vendor>#<device and version>}
   * @param capture the session to replay
   * @param model the Patina model written for it
   * @param secrets values that must not be stored
   * @param volatiles reply text (key) that must not change what is stored when it becomes the
   *     value: times, counters, monitor states (empty: the platform prints none)
   * @param stored lines that must be stored
   * @param promptPass prompts the model must recognise
   * @param promptFail lines (banner, configuration) the model must not take for a prompt
   */
  public record Session(String name, Capture capture, String model, List<String> secrets,
      List<Map.Entry<String, String>> volatiles, List<String> stored, List<String> promptPass,
      List<String> promptFail) {
    /** The vendor prefix of the name ("iosxr", "vrp", ...). */
    public String vendor() {
      return capture.vendor();
    }
  }

  /** Every documented session, in the order of {@code index.txt}. */
  public static List<Session> all() {
    List<Session> sessions = new ArrayList<>();
    for (String name : text("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      sessions.add(load(name));
    }
    return sessions;
  }

  /** One session by its name stem ({@code iosxr#ASR9006_7.5.2}). */
  public static Session load(String name) {
    String file = name + "#simulation.yaml";
    try {
      Capture capture = Capture.parse(DIR.substring(1) + file, Capture.vendorOf(file), text(file));
      Map<String, Object> meta = new Yaml().load(text(name + "#documented.yaml"));
      Object vol = meta.get("volatile");
      List<Map.Entry<String, String>> volatiles = new ArrayList<>();
      for (Object v : vol == null ? List.of() : vol instanceof List<?> l ? l : List.of(vol)) {
        Map<?, ?> m = (Map<?, ?>) v;
        volatiles.add(Map.entry(String.valueOf(m.get("from")), String.valueOf(m.get("to"))));
      }
      return new Session(name, capture, (String) meta.get("model"), strings(meta.get("secrets")), volatiles,
          strings(meta.get("stored")), strings(meta.get("prompt-pass")), strings(meta.get("prompt-fail")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
  }

  private static String text(String file) {
    try (InputStream in = DocumentedSessions.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException(DIR + file + " is missing from device-sim's resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
