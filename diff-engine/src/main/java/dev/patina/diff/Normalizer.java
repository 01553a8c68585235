package dev.patina.diff;

import java.util.Arrays;
import java.util.regex.Matcher;

/**
 * Cleans one artifact, in a fixed order: line endings to {@code \n}, trailing whitespace
 * stripped, volatile lines dropped, the model's secret patterns masked, then every credential
 * the {@link CredentialDetector} finds masked (except what the model says is not a secret), one
 * final newline. Each pattern, and the detector, runs only on the lines that contain its
 * required text ({@link RequiredLiteral}). Secrets are masked with the device's own key
 * ({@link SecretMasker#forDevice}).
 */
public final class Normalizer {
  private final SecretMasker masker;
  private final CredentialDetector detector = CredentialDetector.standard();

  public Normalizer(SecretMasker masker) {
    this.masker = masker;
  }

  /** Normalises an artifact of {@code device}: its secrets get that device's tags. */
  public String normalize(String text, CleanupRules rules, String device) {
    return normalize(text, rules, masker.forDevice(device));
  }

  /**
   * The credential detector alone, with no model rules, for
   * text shown to a person (both sides of a diff, an old version stored before the detector
   * knew a form). Already masked values are left as they are, so masked text is unchanged.
   */
  public String mask(String text, String device) {
    return mask(text, CleanupRules.none(), device);
  }

  /** As {@link #mask(String, String)}, leaving alone what the model's not-secret patterns in {@code rules} keep. */
  public String mask(String text, CleanupRules rules, String device) {
    if (text == null || text.isEmpty()) return text;
    return maskLines(text, rules, masker.forDevice(device));
  }

  /** Normalises text with the masker as given (no device: tests, or a key already per device). */
  public String normalize(String text, CleanupRules rules) {
    return normalize(text, rules, masker);
  }

  private String normalize(String text, CleanupRules rules, SecretMasker tags) {
    StringBuilder out = new StringBuilder(text.length() + 64);
    boolean cr = text.indexOf('\r') >= 0;
    CredentialDetector.State state = new CredentialDetector.State();
    Scratch scratch = new Scratch();
    int n = text.length();
    int start = 0;
    int kept = -1; // where the run of lines copied as they are starts (flushed at the next other line)
    while (start <= n) {
      int nl = cr ? lineEnd(text, start) : text.indexOf('\n', start);
      if (nl < 0) nl = n;
      int end = nl;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
      long may = rules.scan.scan(text, start, end);
      if (may == 0 && !state.active() && end == nl && nl < n && text.charAt(nl) == '\n') {
        if (kept < 0) kept = start; // most lines: no regex, and copied with their neighbours in one go
      } else if (may == 0 && !state.active()) {
        if (kept >= 0) out.append(text, kept, start);
        kept = -1;
        out.append(text, start, end).append('\n'); // trailing blanks or a CR-LF dropped
      } else {
        if (kept >= 0) out.append(text, kept, start);
        kept = -1;
        String line = text.substring(start, end);
        if (!dropped(line, rules, may)) {
          String masked = mask(line, rules, may, tags);
          if (state.active() || LineScan.may(masked == line ? may : rules.scan.scan(masked), rules.detectorRule)) {
            masked = detect(masked, rules, state, tags, scratch);
          }
          out.append(masked).append('\n');
        }
      }
      if (nl >= n) break;
      start = nl + (text.charAt(nl) == '\r' && nl + 1 < n && text.charAt(nl + 1) == '\n' ? 2 : 1);
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == '\n') end--;
    out.setLength(end);
    if (end > 0) out.append('\n');
    return out.toString();
  }

  /** The detector alone over already normalised lines (no model rules, no line changes). */
  private String maskLines(String text, CleanupRules rules, SecretMasker tags) {
    CredentialDetector.State state = new CredentialDetector.State();
    Scratch scratch = new Scratch();
    StringBuilder out = null;
    int n = text.length();
    int start = 0;
    while (start < n) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      if (state.active() || LineScan.may(rules.scan.scan(text, start, end), rules.detectorRule)) {
        String line = text.substring(start, end);
        String masked = detect(line, rules, state, tags, scratch);
        if (!masked.equals(line)) {
          if (out == null) out = new StringBuilder(text.length() + 64).append(text, 0, start);
          out.append(masked);
        } else if (out != null) {
          out.append(line);
        }
      } else if (out != null) {
        out.append(text, start, end);
      }
      if (nl < 0) break;
      if (out != null) out.append('\n');
      start = nl + 1;
    }
    return out == null ? text : out.toString();
  }

  /** The index of the next '\n' or '\r' from {@code start}, or the text's length. */
  private static int lineEnd(String text, int start) {
    int n = text.length();
    int i = start;
    while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') i++;
    return i;
  }

  private static boolean dropped(String line, CleanupRules rules, long may) {
    for (int i = 0; i < rules.drop.length; i++) {
      if (LineScan.may(may, i) && dev.patina.regex.BoundedRegex.find(rules.drop[i].pattern(), line)) return true;
    }
    return false;
  }

  private static String mask(String line, CleanupRules rules, long may, SecretMasker tags) {
    String current = line;
    int first = rules.drop.length; // mask rule i is scan rule first + i
    for (int i = 0; i < rules.mask.length; i++) {
      CleanupRules.Rule r = rules.mask[i];
      if (!LineScan.may(may, first + i)) continue;
      Matcher m = dev.patina.regex.BoundedRegex.matcher(r.pattern(), current);
      if (!m.find()) continue;
      boolean named = r.namedSecret();
      StringBuilder sb = new StringBuilder();
      int last = 0;
      do {
        int start = named ? m.start("secret") : m.start(m.groupCount() >= 1 ? 1 : 0);
        int end = named ? m.end("secret") : m.end(m.groupCount() >= 1 ? 1 : 0);
        if (start < 0 || end <= start) continue;
        String value = current.substring(start, end);
        if (value.startsWith("<secret:")) continue;
        sb.append(current, last, start).append(tags.token(value));
        last = end;
      } while (m.find());
      sb.append(current, last, current.length());
      current = sb.toString();
      may = rules.scan.scan(current); // the next rules see the masked line
    }
    return current;
  }

  /** Reused per artifact: the detector's spans. */
  private static final class Scratch {
    final CredentialDetector.Spans spans = new CredentialDetector.Spans();
  }

  /** Masks what the detector finds in {@code line}, less what the model's not-secret patterns keep. */
  private String detect(String line, CleanupRules rules, CredentialDetector.State state, SecretMasker tags,
      Scratch scratch) {
    CredentialDetector.Spans spans = scratch.spans;
    spans.clear();
    try {
      detector.find(line, state, spans);
    } catch (RuntimeException bug) {
      // deny by default: a line the detector cannot read is stored as one tag, never in clear
      return line.isBlank() || line.startsWith("<secret:") ? line : tags.token(line);
    }
    if (spans.size == 0) return line;
    long[] packed = new long[spans.size / 2];
    for (int i = 0; i < packed.length; i++) packed[i] = (long) spans.at[2 * i] << 32 | spans.at[2 * i + 1];
    Arrays.sort(packed);
    int[][] kept = rules.kept(line);
    StringBuilder sb = new StringBuilder(line.length() + 16 * packed.length);
    int last = 0;
    for (long p : packed) {
      int start = (int) (p >>> 32);
      int end = (int) p;
      if (start < last) continue; // overlaps a span already masked
      if (line.startsWith("<secret:", start) || CleanupRules.inside(kept, start, end)) continue;
      sb.append(line, last, start).append(tags.token(line.substring(start, end)));
      last = end;
    }
    if (last == 0) return line;
    return sb.append(line, last, line.length()).toString();
  }
}
