package dev.patina.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The settings a device can inherit, as read at one level (defaults, group, device); unset
 * ones are null, and {@link #over(Settings)} fills them from the level below.
 */
final class Settings {
  static final Set<String> KEYS = Set.of("port", "model", "username", "password", "enable-password",
      "private-key", "legacy-ssh", "snmp", "vars", "mail-to", "schedule", "timeout", "zone");
  private static final Set<String> SNMP_KEYS = Set.of("version", "port", "community", "user", "auth", "priv",
      "timeout", "retries");
  static final Set<String> AUTH = Set.of("MD5", "SHA", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512");
  static final Set<String> PRIV = Set.of("DES", "3DES", "AES", "AES-128", "AES-192", "AES-256");

  Integer port;
  String model;
  String username;
  Secret password;
  Secret enablePassword;
  Path privateKey;
  Boolean legacySsh;
  SnmpSettings snmp;
  Map<String, String> vars;
  List<String> mailTo;
  String schedule;
  Duration timeout;
  String zone;

  static Settings read(Fields f) {
    Settings s = new Settings();
    s.port = f.integer("port", 1, 65535);
    s.model = f.string("model");
    s.username = f.string("username");
    s.password = secret(f.string("password"));
    s.enablePassword = secret(f.string("enable-password"));
    String key = f.string("private-key");
    s.privateKey = key == null ? null : References.path(key, f.context().dir());
    s.legacySsh = f.bool("legacy-ssh");
    s.vars = f.freeMap("vars");
    s.mailTo = f.strings("mail-to");
    if (s.mailTo != null) {
      for (String address : s.mailTo) {
        if (!MailAddresses.valid(address)) {
          f.problem("mail-to", "\"mail-to\" must list mail addresses ([netops@example.net, ...]), not \"" + address + "\"");
        }
      }
    }
    s.zone = f.string("zone");
    if (s.zone != null && SafeNames.problem(s.zone) != null) {
      f.problem("zone", "a zone name may contain only letters, digits, '.', '_' and '-', not \"" + s.zone + "\"");
      s.zone = null;
    }
    s.schedule = f.string("schedule");
    if (s.schedule != null) Cron.check(s.schedule, f, "schedule");
    s.timeout = f.duration("timeout");
    Fields snmp = f.mapping("snmp", SNMP_KEYS);
    if (snmp != null) s.snmp = snmp(snmp);
    return s;
  }

  private static Secret secret(String v) {
    return v == null ? null : new Secret(v);
  }

  private static SnmpSettings snmp(Fields f) {
    String versionText = f.string("version");
    int version = 2;
    if (versionText != null) {
      switch (versionText.trim().toLowerCase(Locale.ROOT)) {
        case "1", "v1" -> version = 1;
        case "2", "2c", "v2c", "v2" -> version = 2;
        case "3", "v3" -> version = 3;
        default -> f.problem("version", "SNMP version must be 1, 2c or 3, not \"" + versionText + "\"");
      }
    }
    Integer port = f.integer("port", 1, 65535);
    String community = f.string("community");
    String user = f.string("user");
    String[] auth = protocolAndPassword(f, "auth", AUTH);
    String[] priv = protocolAndPassword(f, "priv", PRIV);
    Duration timeout = f.duration("timeout");
    Integer retries = f.integer("retries", 0, 10);
    if (version == 3 && user == null) f.problem(0, "SNMPv3 needs a \"user\"");
    if (version == 3 && priv != null && auth == null) f.problem("priv", "SNMPv3 privacy (priv) needs auth too");
    if (version < 3 && community == null && !f.has("community")) {
      community = "public";
    }
    return new SnmpSettings(version, port == null ? 161 : port, secret(community), user,
        auth == null ? null : auth[0], auth == null ? null : secret(auth[1]), priv == null ? null : priv[0],
        priv == null ? null : secret(priv[1]), timeout == null ? Duration.ofSeconds(2) : timeout,
        retries == null ? 1 : retries);
  }

  /** {@code "SHA-256:password"} into protocol and password; the protocol is checked. */
  static String[] protocolAndPassword(Fields f, String key, Set<String> known) {
    String v = f.string(key);
    if (v == null) return null;
    int colon = v.indexOf(':');
    if (colon <= 0) {
      f.problem(key, "\"" + key + "\" must be PROTOCOL:PASSWORD, e.g. \"" + (key.equals("auth") ? "SHA-256" : "AES-128")
          + ":${env:SNMP_" + key.toUpperCase(Locale.ROOT) + "}\"");
      return null;
    }
    String protocol = v.substring(0, colon).trim().toUpperCase(Locale.ROOT);
    if (!known.contains(protocol)) {
      f.problem(key, "unknown SNMP " + key + " protocol \"" + protocol + "\"; use one of "
          + String.join(", ", known.stream().sorted().toList()));
      return null;
    }
    if (protocol.equals("SHA-1")) protocol = "SHA";
    if (protocol.equals("AES")) protocol = "AES-128";
    String password = v.substring(colon + 1);
    if (password.length() < 8) f.problem(key, "SNMPv3 " + key + " passwords must have at least 8 characters");
    return new String[] {protocol, password};
  }

  /** This level over {@code lower}: what is unset here comes from there. */
  Settings over(Settings lower) {
    Settings s = new Settings();
    s.port = port != null ? port : lower.port;
    s.model = model != null ? model : lower.model;
    s.username = username != null ? username : lower.username;
    s.password = password != null ? password : lower.password;
    s.enablePassword = enablePassword != null ? enablePassword : lower.enablePassword;
    s.privateKey = privateKey != null ? privateKey : lower.privateKey;
    s.legacySsh = legacySsh != null ? legacySsh : lower.legacySsh;
    s.snmp = snmp != null ? snmp : lower.snmp;
    if (lower.vars != null && vars != null) {
      Map<String, String> merged = new java.util.LinkedHashMap<>(lower.vars);
      merged.putAll(vars);
      s.vars = merged;
    } else {
      s.vars = vars != null ? vars : lower.vars;
    }
    s.mailTo = mailTo != null ? mailTo : lower.mailTo;
    s.schedule = schedule != null ? schedule : lower.schedule;
    s.timeout = timeout != null ? timeout : lower.timeout;
    s.zone = zone != null ? zone : lower.zone;
    return s;
  }
}
