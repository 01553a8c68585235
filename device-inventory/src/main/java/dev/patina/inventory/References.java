package dev.patina.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} (an environment variable) and {@code ${file:PATH}} (a file's
 * content, trailing newline trimmed; {@code ~} is the home folder, relative paths are relative
 * to the config file) inside a value. An undefined one is a problem naming its line.
 */
final class References {
  private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]*)}");

  private References() {}

  static String resolve(String value, Fields at, String key) {
    if (value == null || !value.contains("${") || at.context().env() == null) return value;
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    while (m.find()) {
      String kind = m.group(1);
      String arg = m.group(2).trim();
      String replacement;
      if (kind.equals("env")) {
        replacement = at.context().env().apply(arg);
        if (replacement == null) {
          at.problem(key, "\"" + key + "\" uses ${env:" + arg + "} but the environment variable " + arg
              + " is not set");
          ok = false;
          replacement = "";
        }
      } else {
        Path p = path(arg, at.context().dir());
        try {
          replacement = Files.readString(p, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
          at.problem(key, "\"" + key + "\" uses ${file:" + arg + "} but " + p + " cannot be read ("
              + e.getClass().getSimpleName().replace("Exception", "") + ")");
          ok = false;
          replacement = "";
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return ok ? out.toString() : null;
  }

  /** {@code ~} expanded, relative paths resolved against {@code dir}. */
  static Path path(String text, Path dir) {
    String t = text.trim();
    if (t.equals("~")) return Path.of(System.getProperty("user.home"));
    if (t.startsWith("~/")) return Path.of(System.getProperty("user.home"), t.substring(2));
    Path p = Path.of(t);
    return p.isAbsolute() ? p : dir.resolve(p).normalize();
  }
}
