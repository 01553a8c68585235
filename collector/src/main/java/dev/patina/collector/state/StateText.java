package dev.patina.collector.state;

import java.util.Locale;

/**
 * Writes state documents: blocks with a header line ({@code bond bond0}), {@code key: value}
 * lines indented by two spaces per level. The diff engine's {@code StateDocument} reads them.
 */
final class StateText {
  private final StringBuilder out = new StringBuilder();

  StateText block(int level, String header) {
    out.append("  ".repeat(level)).append(header).append('\n');
    return this;
  }

  StateText value(int level, String key, String value) {
    if (value == null || value.isEmpty()) return this;
    out.append("  ".repeat(level)).append(key).append(": ").append(value).append('\n');
    return this;
  }

  StateText item(int level, String text) {
    out.append("  ".repeat(level)).append("- ").append(text).append('\n');
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** {@code "MII Polling Interval (ms)"} to {@code "mii-polling-interval-ms"}; other parentheses dropped. */
  static String slug(String label) {
    String s = label.replace("(ms)", "ms").replaceAll("\\([^)]*\\)", " ");
    s = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return s.replaceAll("^-+|-+$", "");
  }
}
