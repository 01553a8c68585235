package dev.patina.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A device's current recording, changeable between sessions; sessions work on a snapshot. */
final class Replies {
  private final String vendor;
  private final boolean ordered;
  private final String initPrompt;
  private volatile List<Map.Entry<String, String>> entries;
  private volatile String enablePassword;

  Replies(Capture capture) {
    this.vendor = capture.vendor();
    this.ordered = capture.ordered();
    this.initPrompt = capture.initPrompt();
    this.entries = List.copyOf(capture.commands());
  }

  String vendor() {
    return vendor;
  }

  boolean ordered() {
    return ordered;
  }

  String initPrompt() {
    return initPrompt;
  }

  /** The password a recorded "Password:" step accepts; null accepts any. */
  String enablePassword() {
    return enablePassword;
  }

  void enablePassword(String password) {
    this.enablePassword = password;
  }

  List<Map.Entry<String, String>> snapshot() {
    return entries;
  }

  /** Replaces every occurrence of {@code from} in every reply. */
  synchronized void replace(String from, String to) {
    if (from.isEmpty()) {
      throw new IllegalArgumentException("the text to replace must not be empty");
    }
    List<Map.Entry<String, String>> changed = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      changed.add(Map.entry(e.getKey(), e.getValue().replace(from, to)));
    }
    entries = List.copyOf(changed);
  }

  /**
   * Sets the reply to {@code command} (terminator optional) in every place it was recorded, or
   * adds it (at the end of an ordered recording).
   */
  synchronized void set(String command, String reply) {
    String bare = Terminal.stripTerminator(command);
    List<Map.Entry<String, String>> changed = new ArrayList<>();
    boolean found = false;
    for (Map.Entry<String, String> e : entries) {
      if (Terminal.stripTerminator(e.getKey()).equals(bare)) {
        changed.add(Map.entry(e.getKey(), reply));
        found = true;
      } else {
        changed.add(e);
      }
    }
    if (!found) {
      changed.add(Map.entry(bare + "\n", reply));
    }
    entries = List.copyOf(changed);
  }
}
