package dev.patina.collector.netconf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a NETCONF model's settings from its {@code vars} (device vars override model vars):
 * {@code netconf-port}, {@code netconf-filter}, {@code netconf-volatile-attributes} (space
 * separated) and {@code netconf-max-reply-mib}. Bad values are errors naming the setting.
 */
final class NetconfModelSettings {
  public static final String PORT = "netconf-port";
  public static final String FILTER = "netconf-filter";
  public static final String VOLATILE_ATTRIBUTES = "netconf-volatile-attributes";
  public static final String MAX_REPLY_MIB = "netconf-max-reply-mib";

  private NetconfModelSettings() {}

  /** {@code base} with the filter, volatile attributes and size limit the vars set. */
  public static NetconfOptions options(Map<String, String> vars, NetconfOptions base) {
    NetconfOptions o = base;
    if (vars.containsKey(FILTER)) {
      String filter = vars.get(FILTER).strip();
      if (!filter.isEmpty()) {
        try {
          SafeXml.parse(("<filter>" + filter + "</filter>").getBytes(StandardCharsets.UTF_8), FILTER);
        } catch (NetconfProtocolException e) {
          throw new IllegalArgumentException(FILTER + " must be XML for a subtree filter: " + e.getMessage(), e);
        }
      }
      o = o.withSubtreeFilter(filter.isEmpty() ? null : filter);
    }
    if (vars.containsKey(VOLATILE_ATTRIBUTES)) {
      String names = vars.get(VOLATILE_ATTRIBUTES).strip();
      o = o.withVolatileAttributes(new VolatileAttributes(
          names.isEmpty() ? java.util.List.of() : Arrays.asList(names.split("\\s+"))));
    }
    if (vars.containsKey(MAX_REPLY_MIB)) {
      long mib = number(vars, MAX_REPLY_MIB, 1, 2047);
      o = o.withMaxReplyBytes(mib * 1024 * 1024);
    }
    return o;
  }

  /**
   * The port to connect to: the device's own port when it set one other than the SSH default
   * 22, else the model's {@code netconf-port}, else {@code devicePort}.
   */
  public static int port(Map<String, String> vars, int devicePort) {
    if (devicePort != 22 || !vars.containsKey(PORT)) return devicePort;
    return (int) number(vars, PORT, 1, 65535);
  }

  private static long number(Map<String, String> vars, String key, long min, long max) {
    String v = vars.get(key).strip();
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max + ", not \"" + v + "\"");
  }
}
