package dev.patina.app.changes;

import dev.patina.collector.ChangeRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One change message of a device: who made the change (as far as the message says), how the
 * message came and its text.
 */
record Change(ChangeRules.Who who, String via, String sender, String text, long nanos) {

  /** "admin (vty0, 192.0.2.10)", "jdoe (comment: new vlan 20)", or null when the message names nobody. */
  String changedBy() {
    if (who.user() == null && who.line() == null && who.source() == null) return null;
    List<String> parts = new ArrayList<>();
    if (who.line() != null) parts.add(who.line());
    if (who.source() != null) parts.add(who.source());
    if (who.comment() != null) parts.add("comment: " + who.comment());
    String user = who.user() == null ? "unknown user" : who.user();
    return parts.isEmpty() ? user : user + " (" + String.join(", ", parts) + ")";
  }

  /** The line of the commit body: "syslog/udp from 127.0.0.1: %SYS-5-CONFIG_I: Configured from ...". */
  String note() {
    return via + " from " + sender + ": " + text;
  }

  /** The {@code Changed-By} values of a burst: every distinct user and place, in order; "unknown" if none says. */
  static List<String> changedBy(List<Change> changes) {
    Set<String> out = new LinkedHashSet<>();
    for (Change c : changes) {
      String by = c.changedBy();
      if (by != null) out.add(by);
    }
    if (out.isEmpty()) out.add("unknown (the device's messages do not say who)");
    return List.copyOf(out);
  }
}
