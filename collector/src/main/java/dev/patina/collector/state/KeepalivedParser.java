package dev.patina.collector.state;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the {@code vrrp_instance} blocks of {@code keepalived.conf}: interface, VRID, configured
 * state and priority, virtual addresses, authentication type. The auth password is never kept.
 */
final class KeepalivedParser {
  /** One configured VRRP instance. */
  public record Instance(String name, String iface, String vrid, String state, String priority,
      List<String> virtualAddresses, String authType) {}

  private KeepalivedParser() {}

  public static List<Instance> parse(String conf) throws StateParseException {
    List<String> tokens = tokens(conf);
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).equals("vrrp_instance")) continue;
      if (i + 2 >= tokens.size() || !tokens.get(i + 2).equals("{")) {
        throw new StateParseException("keepalived.conf: vrrp_instance without a name and '{'");
      }
      String name = tokens.get(i + 1);
      int end = matching(tokens, i + 2, name);
      out.add(instance(name, tokens.subList(i + 3, end)));
      i = end;
    }
    return out;
  }

  private static Instance instance(String name, List<String> body) {
    String iface = null;
    String vrid = null;
    String state = null;
    String priority = null;
    String auth = null;
    TreeSet<String> vips = new TreeSet<>();
    for (int i = 0; i < body.size(); i++) {
      String t = body.get(i);
      String next = i + 1 < body.size() ? body.get(i + 1) : null;
      switch (t) {
        case "interface" -> iface = next;
        case "virtual_router_id" -> vrid = next;
        case "state" -> state = next;
        case "priority" -> priority = next;
        case "auth_type" -> auth = next;
        case "virtual_ipaddress" -> {
          if ("{".equals(next)) {
            int j = i + 2;
            while (j < body.size() && !body.get(j).equals("}")) {
              String a = body.get(j);
              // "192.0.2.1/24 dev bond0 label bond0:1": the address is the token that looks like one
              if (a.matches("[0-9a-fA-F:.]+(/\\d+)?") && (a.contains(".") || a.contains(":"))) vips.add(a);
              j++;
            }
            i = j;
          }
        }
        default -> { }
      }
    }
    return new Instance(name, iface, vrid, state, priority, List.copyOf(vips), auth);
  }

  private static int matching(List<String> tokens, int open, String name) throws StateParseException {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).equals("{")) depth++;
      if (tokens.get(i).equals("}") && --depth == 0) return i;
    }
    throw new StateParseException("keepalived.conf: vrrp_instance " + name + " has no closing '}'");
  }

  /** Words and braces, comments ({@code #}, {@code !}) dropped. */
  private static List<String> tokens(String conf) {
    List<String> out = new ArrayList<>();
    for (String line : conf.split("\n")) {
      int hash = indexOfComment(line);
      String l = hash < 0 ? line : line.substring(0, hash);
      for (String w : l.replace("{", " { ").replace("}", " } ").trim().split("\\s+")) {
        if (!w.isEmpty()) out.add(w);
      }
    }
    return out;
  }

  private static int indexOfComment(String line) {
    int a = line.indexOf('#');
    int b = line.indexOf('!');
    if (a < 0) return b;
    if (b < 0) return a;
    return Math.min(a, b);
  }
}
