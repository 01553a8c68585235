package dev.patina.collector.state;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code state/vrrp} document of a Linux host: each keepalived instance with its current
 * role, which is MASTER where the host holds the instance's virtual addresses (from
 * {@code ip -o addr show}), BACKUP where it holds none, and unknown without that output.
 */
final class VrrpState {
  private static final Pattern INET = Pattern.compile("\\binet6?\\s+([0-9a-fA-F:.]+)(/\\d+)?");

  private VrrpState() {}

  /** @param ipAddr {@code ip -o addr show} output, or null when it could not be read */
  public static String document(List<KeepalivedParser.Instance> instances, String ipAddr) {
    Set<String> held = ipAddr == null ? null : addresses(ipAddr);
    StateText doc = new StateText();
    for (KeepalivedParser.Instance i : instances.stream()
        .sorted(java.util.Comparator.comparing(KeepalivedParser.Instance::name)).toList()) {
      doc.block(0, "vrrp " + i.name());
      doc.value(1, "interface", i.iface());
      doc.value(1, "vrid", i.vrid());
      doc.value(1, "configured-state", i.state());
      doc.value(1, "priority", i.priority());
      doc.value(1, "role", role(i, held));
      doc.value(1, "virtual", String.join(" ", i.virtualAddresses()));
      doc.value(1, "auth-type", i.authType() == null ? "none" : i.authType());
    }
    return doc.toString();
  }

  static String role(KeepalivedParser.Instance i, Set<String> held) {
    if (held == null || i.virtualAddresses().isEmpty()) return "unknown";
    long have = i.virtualAddresses().stream().map(VrrpState::bare).filter(held::contains).count();
    if (have == 0) return "BACKUP";
    return have == i.virtualAddresses().size() ? "MASTER" : "PARTIAL";
  }

  static Set<String> addresses(String ipAddr) {
    Set<String> out = new HashSet<>();
    Matcher m = INET.matcher(ipAddr);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static String bare(String address) {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }
}
