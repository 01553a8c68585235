package dev.patina.app.changes;

import dev.patina.collector.ChangeRules;
import dev.patina.inventory.Device;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which device sent a message. By the sender's address: the device whose {@code host} is that
 * address (names resolved once, when the inventory is loaded). When several devices share the
 * address (simulated devices on one host, a NAT) or the sender is a configured relay, by the
 * HOSTNAME of the message among those candidates: the device's name, its host, or the first
 * label of either. Anything else is an unknown sender: counted, never acted on.
 */
final class DeviceMatcher {
  /** A device and the model's rules for its change messages. */
  record Known(Device device, ChangeRules rules) {}

  private final Map<InetAddress, List<Known>> byAddress = new HashMap<>();
  private final Set<InetAddress> relays = new HashSet<>();
  private final List<Known> all = new ArrayList<>();
  private final List<String> unresolved = new ArrayList<>();

  /**
   * @param rules the change rules of a device's model (empty for a model that announces nothing)
   * @param relays addresses (or names) of syslog relays
   */
  DeviceMatcher(List<Device> devices, Function<Device, ChangeRules> rules, List<String> relays) {
    for (Device d : devices) {
      Known k = new Known(d, rules.apply(d));
      all.add(k);
      try {
        for (InetAddress a : InetAddress.getAllByName(d.host())) byAddress.computeIfAbsent(plain(a), x -> new ArrayList<>()).add(k);
      } catch (UnknownHostException e) {
        unresolved.add(d.name() + " (" + d.host() + ")");
      }
    }
    for (String r : relays) {
      try {
        for (InetAddress a : InetAddress.getAllByName(r)) this.relays.add(plain(a));
      } catch (UnknownHostException e) {
        unresolved.add("relay " + r);
      }
    }
  }

  /** Devices and relays whose names did not resolve: their messages can only arrive through a relay. */
  List<String> unresolved() {
    return List.copyOf(unresolved);
  }

  /** The device that sent {@code a}, or null for an unknown sender. */
  Known find(InetAddress from, String hostname) {
    InetAddress sender = plain(from);
    List<Known> candidates = relays.contains(sender) ? all : byAddress.get(sender);
    if (candidates == null || candidates.isEmpty()) return null;
    if (candidates.size() == 1 && !relays.contains(sender)) return candidates.get(0);
    if (hostname == null) return null;
    String h = hostname.toLowerCase(Locale.ROOT);
    Known byLabel = null;
    int labelHits = 0;
    for (Known k : candidates) {
      String name = k.device().name().toLowerCase(Locale.ROOT);
      String host = k.device().host().toLowerCase(Locale.ROOT);
      if (h.equals(name) || h.equals(host)) return k;
      if (label(h).equals(label(name)) || label(h).equals(label(host))) {
        byLabel = k;
        labelHits++;
      }
    }
    return labelHits == 1 ? byLabel : null;
  }

  private static String label(String name) {
    if (Character.isDigit(name.charAt(0)) || name.contains(":")) return name; // an address, not a name
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** An IPv4-mapped IPv6 address as the IPv4 address it is. */
  static InetAddress plain(InetAddress a) {
    if (a instanceof Inet6Address six) {
      byte[] b = six.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
      mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          return a;
        }
      }
    }
    return a;
  }
}
