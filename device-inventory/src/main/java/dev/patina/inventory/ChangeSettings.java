package dev.patina.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code changes:} section of {@code patina.yaml}: where {@code patina serve} listens for
 * the devices' own change announcements (syslog, SNMP notifications) and how it paces the
 * backups they trigger.
 *
 * @param syslog the syslog listeners ({@code udp://HOST:PORT}, {@code tcp://HOST:PORT})
 * @param traps the SNMP notification listener, or null
 * @param relays addresses of syslog relays: their messages are matched to a device by the
 *     hostname in the message, not by the sender's address
 * @param quiet how long a device must stay quiet after its last change message before it is backed up
 * @param perMinute at most this many triggered backups start per minute (the rest wait, coalesced)
 * @param maxMessage longer messages are dropped and counted
 */
public record ChangeSettings(List<Listen> syslog, Traps traps, List<String> relays, Duration quiet, int perMinute,
    int maxMessage) {
  public static final Duration DEFAULT_QUIET = Duration.ofSeconds(5);
  public static final int DEFAULT_PER_MINUTE = 60;
  public static final int DEFAULT_MAX_MESSAGE = 8192;

  private static final Set<String> KEYS = Set.of("syslog", "traps", "relays", "quiet", "max-per-minute", "max-message");
  private static final Set<String> TRAPS = Set.of("listen", "communities", "users");
  private static final Set<String> USER = Set.of("user", "auth", "priv");
  private static final Pattern URL = Pattern.compile("(udp|tcp)://(\\[[0-9a-fA-F:.]+\\]|[^:/\\s]+):(\\d{1,5})");

  public ChangeSettings {
    syslog = List.copyOf(syslog);
    relays = List.copyOf(relays);
  }

  /** A listening address: protocol {@code udp} or {@code tcp}, host (name or address) and port. */
  public record Listen(String protocol, String host, int port) {
    @Override
    public String toString() {
      return protocol + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** Where SNMP notifications arrive and who may send them: v1/v2c communities, v3 USM users. */
  public record Traps(Listen listen, List<Secret> communities, List<User> users) {
    public Traps {
      communities = List.copyOf(communities);
      users = List.copyOf(users);
    }
  }

  /** An SNMPv3 USM user; protocols as in {@code devices.yaml} (SHA-256, AES-128, ...), null for none. */
  public record User(String name, String authProtocol, Secret authKey, String privProtocol, Secret privKey) {}

  /** Reads {@code changes:}; null when absent. Problems go to {@code f}'s file with their lines. */
  static ChangeSettings read(Fields top) {
    Fields f = top.mapping("changes", KEYS);
    if (f == null) return null;
    List<Listen> syslog = new java.util.ArrayList<>();
    List<String> urls = f.strings("syslog");
    if (urls != null) {
      for (String u : urls) {
        Listen l = listen(f, "syslog", u);
        if (l != null) syslog.add(l);
      }
    }
    Traps traps = null;
    Fields t = f.mapping("traps", TRAPS);
    if (t != null) {
      Listen listen = null;
      String url = t.string("listen");
      if (url == null && !t.has("listen")) f.problem("traps", "traps need listen: udp://HOST:PORT (e.g. udp://0.0.0.0:162)");
      else listen = listen(t, "listen", url);
      if (listen != null && !listen.protocol().equals("udp")) {
        t.problem("listen", "SNMP notifications are received over UDP: write udp://" + listen.host() + ":" + listen.port());
      }
      List<String> communities = t.strings("communities");
      List<User> users = users(t);
      if (!t.has("communities") && !t.has("users")) {
        f.problem("traps", "traps accept no sender: give communities: [...] (v1/v2c) and/or users: [...] (v3)");
      }
      traps = new Traps(listen, communities == null ? List.of() : communities.stream().map(Secret::new).toList(), users);
    }
    if (syslog.isEmpty() && traps == null) {
      top.problem("changes", "changes listens nowhere: give syslog: [udp://0.0.0.0:514] and/or traps: { listen: udp://0.0.0.0:162, ... }");
    }
    List<String> relays = f.strings("relays");
    Duration quiet = f.duration("quiet");
    Integer perMinute = f.integer("max-per-minute", 1, 100_000);
    Long max = f.size("max-message");
    if (max != null && (max < 480 || max > 65_535)) {
      f.problem("max-message", "\"max-message\" must be between 480 and 65535 bytes, not " + max);
    }
    return new ChangeSettings(syslog, traps, relays == null ? List.of() : relays, quiet == null ? DEFAULT_QUIET : quiet,
        perMinute == null ? DEFAULT_PER_MINUTE : perMinute, max == null ? DEFAULT_MAX_MESSAGE : (int) (long) max);
  }

  private static Listen listen(Fields f, String key, String url) {
    Matcher m = URL.matcher(url.trim().toLowerCase(Locale.ROOT));
    int port = m.matches() ? Integer.parseInt(m.group(3)) : 0;
    if (!m.matches() || port > 65535) { // port 0: any free port (the service log names it)
      f.problem(key, "\"" + url + "\" is not a listening address; write udp://HOST:PORT or tcp://HOST:PORT, "
          + "e.g. udp://0.0.0.0:514");
      return null;
    }
    String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
    return new Listen(m.group(1), host, port);
  }

  private static List<User> users(Fields t) {
    List<User> out = new java.util.ArrayList<>();
    if (!t.has("users")) return out;
    Node n = t.node("users");
    if (!(n instanceof SequenceNode seq)) {
      t.problem("users", "\"users\" must be a list of { user: NAME, auth: SHA-256:KEY, priv: AES-128:KEY }");
      return out;
    }
    for (Node item : seq.getValue()) {
      if (!(item instanceof MappingNode m)) {
        t.problem(YamlFile.line(item), "each of users is { user: NAME, auth: SHA-256:KEY, priv: AES-128:KEY }");
        continue;
      }
      Fields u = new Fields(t.context(), m, t.where() + ": users", USER);
      String name = u.string("user");
      if (name == null && !u.has("user")) u.problem(YamlFile.line(m), "an SNMPv3 user needs user: NAME");
      String[] auth = Settings.protocolAndPassword(u, "auth", Settings.AUTH);
      String[] priv = Settings.protocolAndPassword(u, "priv", Settings.PRIV);
      if (priv != null && auth == null) u.problem("priv", "SNMPv3 privacy (priv) needs auth too");
      if (name != null) {
        out.add(new User(name, auth == null ? null : auth[0], auth == null ? null : new Secret(auth[1]),
            priv == null ? null : priv[0], priv == null ? null : new Secret(priv[1])));
      }
    }
    return out;
  }
}
