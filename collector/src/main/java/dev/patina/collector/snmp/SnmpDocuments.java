package dev.patina.collector.snmp;

import dev.patina.collector.CollectException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snmp4j.smi.OID;

/**
 * The SNMP state artifacts as stable, readable text: identity, interfaces, VRRP (RFC 2787 and
 * RFC 6527), link aggregation (IEEE8023-LAG-MIB) and hardware (ENTITY-MIB). No uptimes, no
 * counters; rows sorted; an agent without the MIB gives an empty document (left out).
 */
final class SnmpDocuments {
  static final OID SYSTEM = new OID("1.3.6.1.2.1.1");
  private static final OID IF_ENTRY = new OID("1.3.6.1.2.1.2.2.1");
  private static final OID IFX_ENTRY = new OID("1.3.6.1.2.1.31.1.1.1");
  private static final OID VRRP_OPER = new OID("1.3.6.1.2.1.68.1.3.1");
  private static final OID VRRP_ASSO = new OID("1.3.6.1.2.1.68.1.4.1");
  private static final OID VRRP3_OPER = new OID("1.3.6.1.2.1.207.1.1.1");
  private static final OID VRRP3_ASSO = new OID("1.3.6.1.2.1.207.1.2.1");
  private static final OID LAG_AGG = new OID("1.2.840.10006.300.43.1.1.1.1");
  private static final OID LAG_PORT = new OID("1.2.840.10006.300.43.1.2.1.1");
  private static final OID ENTITY = new OID("1.3.6.1.2.1.47.1.1.1.1");
  private static final String[] STATUS = {"?", "up", "down", "testing", "unknown", "dormant", "notPresent", "lowerLayerDown"};
  private static final String[] VRRP_STATE = {"?", "initialize", "backup", "master"};
  private static final String[] LACP_BITS = {"activity", "timeout", "aggregation", "synchronization", "collecting",
      "distributing", "defaulted", "expired"};

  private SnmpDocuments() {}

  static String system(SnmpClient c) throws CollectException {
    String[] names = {"sysDescr", "sysObjectID", "sysContact", "sysName", "sysLocation"};
    int[] ids = {1, 2, 4, 5, 6};
    List<OID> oids = new ArrayList<>();
    for (int id : ids) oids.add(new OID(SYSTEM).append(id).append(0));
    Map<OID, String> v = c.get(oids);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      String value = v.get(oids.get(i));
      if (value != null) s.append(names[i]).append(": ").append(value.replace("\n", " ")).append('\n');
    }
    return s.toString();
  }

  static String interfaces(SnmpClient c) throws CollectException {
    Map<String, Map<Integer, String>> base = c.table(IF_ENTRY, 2, 3, 5, 7, 8);
    Map<String, Map<Integer, String>> ext = c.table(IFX_ENTRY, 1, 15, 18);
    StringBuilder s = new StringBuilder();
    for (String index : sorted(base.keySet())) {
      Map<Integer, String> b = base.get(index);
      Map<Integer, String> x = ext.getOrDefault(index, Map.of());
      s.append("interface ").append(index).append(' ').append(x.getOrDefault(1, b.getOrDefault(2, "?"))).append('\n');
      line(s, "descr", b.get(2));
      line(s, "alias", x.get(18));
      line(s, "admin", word(STATUS, b.get(7)));
      line(s, "oper", word(STATUS, b.get(8)));
      String high = x.get(15);
      line(s, "speed", high != null && !high.equals("0") ? high + " Mb/s" : b.get(5) == null ? null : b.get(5) + " b/s");
    }
    return s.toString();
  }

  static String vrrp(SnmpClient c) throws CollectException {
    Map<String, String> ifNames = ifNames(c);
    StringBuilder s = new StringBuilder();
    Map<String, Map<Integer, String>> v2 = c.table(VRRP_OPER, 3, 5, 7, 9);
    Map<String, List<String>> asso2 = addresses(c.table(VRRP_ASSO, 2), 2);
    for (String index : sorted(v2.keySet())) {
      String[] p = index.split("\\.");
      Map<Integer, String> r = v2.get(index);
      String iface = ifNames.getOrDefault(p[0], "ifIndex" + p[0]);
      s.append("vrrp ").append(iface).append('/').append(p[1]).append('\n');
      line(s, "version", "2");
      line(s, "interface", iface);
      line(s, "vrid", p[1]);
      line(s, "role", upper(word(VRRP_STATE, r.get(3))));
      line(s, "priority", r.get(5));
      line(s, "master", r.get(7));
      line(s, "virtual", String.join(" ", asso2.getOrDefault(index, List.of())));
    }
    Map<String, Map<Integer, String>> v3 = c.table(VRRP3_OPER, 3, 6, 7);
    Map<String, List<String>> asso3 = addresses(c.table(VRRP3_ASSO, 2), 3);
    for (String index : sorted(v3.keySet())) {
      String[] p = index.split("\\.");
      Map<Integer, String> r = v3.get(index);
      String iface = ifNames.getOrDefault(p[0], "ifIndex" + p[0]);
      s.append("vrrp ").append(iface).append('/').append(p[1]).append(p[2].equals("2") ? "/ipv6" : "").append('\n');
      line(s, "version", "3");
      line(s, "interface", iface);
      line(s, "vrid", p[1]);
      line(s, "role", upper(word(VRRP_STATE, r.get(6))));
      line(s, "priority", r.get(7));
      line(s, "master", inetAddress(r.get(3)));
      line(s, "virtual", String.join(" ", asso3.getOrDefault(index, List.of())));
    }
    return s.toString();
  }

  static String lag(SnmpClient c) throws CollectException {
    Map<String, String> ifNames = ifNames(c);
    Map<String, Map<Integer, String>> aggs = c.table(LAG_AGG, 2, 7, 8, 10);
    Map<String, Map<Integer, String>> ports = c.table(LAG_PORT, 5, 9, 11, 12, 13, 21, 23);
    StringBuilder s = new StringBuilder();
    for (String agg : sorted(aggs.keySet())) {
      Map<Integer, String> a = aggs.get(agg);
      s.append("aggregator ").append(ifNames.getOrDefault(agg, agg)).append('\n');
      line(s, "mac", a.get(2));
      line(s, "actor-key", a.get(7));
      line(s, "partner-system", a.get(8));
      line(s, "partner-key", a.get(10));
      for (String port : sorted(ports.keySet())) {
        Map<Integer, String> p = ports.get(port);
        if (!agg.equals(p.get(12)) && !agg.equals(p.get(13))) continue;
        s.append("  port ").append(ifNames.getOrDefault(port, port)).append('\n');
        s.append("    selected: ").append(agg.equals(p.get(12)) ? "yes" : "no").append('\n');
        s.append("    attached: ").append(agg.equals(p.get(13)) ? "yes" : "no").append('\n');
        s.append("    actor-key: ").append(p.getOrDefault(5, "?")).append('\n');
        s.append("    actor-state: ").append(lacp(p.get(21))).append('\n');
        s.append("    partner-system: ").append(p.getOrDefault(9, "?")).append('\n');
        s.append("    partner-key: ").append(p.getOrDefault(11, "?")).append('\n');
        s.append("    partner-state: ").append(lacp(p.get(23))).append('\n');
      }
    }
    return s.toString();
  }

  static String entity(SnmpClient c) throws CollectException {
    Map<String, Map<Integer, String>> rows = c.table(ENTITY, 2, 7, 9, 10, 11, 13);
    StringBuilder s = new StringBuilder();
    for (String index : sorted(rows.keySet())) {
      Map<Integer, String> r = rows.get(index);
      if (blank(r.get(13)) && blank(r.get(11))) continue;
      s.append("entity ").append(index).append(' ').append(r.getOrDefault(7, "")).append('\n');
      line(s, "model", r.get(13));
      line(s, "serial", r.get(11));
      line(s, "firmware", r.get(9));
      line(s, "software", r.get(10));
      line(s, "descr", r.get(2));
    }
    return s.toString();
  }

  /** LACP state bits (BITS: bit 0 is the high-order bit of the octet) as words. */
  static String lacp(String hex) {
    if (hex == null || hex.isEmpty()) return "?";
    int v = Integer.parseInt(hex.replace(":", "").substring(0, 2), 16);
    List<String> on = new ArrayList<>();
    for (int bit = 0; bit < 8; bit++) if ((v & (0x80 >> bit)) != 0) on.add(LACP_BITS[bit]);
    return on.isEmpty() ? "none" : String.join(" ", on);
  }

  private static Map<String, String> ifNames(SnmpClient c) throws CollectException {
    Map<String, String> out = new TreeMap<>();
    c.table(IFX_ENTRY, 1).forEach((i, v) -> out.put(i, v.get(1)));
    if (out.isEmpty()) c.table(IF_ENTRY, 2).forEach((i, v) -> out.put(i, v.get(2)));
    return out;
  }

  /** Associated-address rows (index = operIndex + address) grouped by the oper row's index. */
  private static Map<String, List<String>> addresses(Map<String, Map<Integer, String>> rows, int operIndexParts) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String index : rows.keySet()) {
      String[] p = index.split("\\.");
      if (p.length <= operIndexParts) continue;
      String oper = String.join(".", Arrays.copyOfRange(p, 0, operIndexParts));
      String[] addr = Arrays.copyOfRange(p, operIndexParts, p.length);
      // RFC 6527 indexes carry the address length first; RFC 2787 the four octets alone
      if (addr.length == 5 && addr[0].equals("4")) addr = Arrays.copyOfRange(addr, 1, 5);
      out.computeIfAbsent(oper, k -> new ArrayList<>()).add(String.join(".", addr));
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static String inetAddress(String hex) {
    if (hex == null) return null;
    String[] b = hex.split(":");
    if (b.length != 4) return hex;
    StringBuilder s = new StringBuilder();
    for (String x : b) s.append(s.isEmpty() ? "" : ".").append(Integer.parseInt(x, 16));
    return s.toString();
  }

  private static List<String> sorted(java.util.Collection<String> indexes) {
    return indexes.stream().sorted((a, b) -> new OID(a).compareTo(new OID(b))).toList();
  }

  private static String word(String[] words, String n) {
    if (n == null) return null;
    try {
      int i = Integer.parseInt(n);
      return i > 0 && i < words.length ? words[i] : n;
    } catch (NumberFormatException e) {
      return n;
    }
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
  }

  private static void line(StringBuilder s, String key, String value) {
    if (value != null && !value.isEmpty()) s.append("  ").append(key).append(": ").append(value).append('\n');
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
