package dev.patina.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a RANCID {@code router.db} or an Oxidized CSV source into a {@code devices.yaml}, for
 * engineers moving to Patina. Device types map to Patina models; a type with no model, or an
 * unsafe name, is an error naming its line.
 */
public final class LegacyImport {
  private static final Map<String, String> RANCID = Map.ofEntries(Map.entry("cisco", "cisco-ios"),
      Map.entry("cisco-nx", "cisco-nxos"), Map.entry("juniper", "juniper-junos"), Map.entry("hp", "hp-procurve"),
      Map.entry("arista", "arista-eos"), Map.entry("h3c", "hpe-comware"), Map.entry("mikrotik", "mikrotik-routeros"),
      Map.entry("vyatta", "vyos"), Map.entry("vyos", "vyos"),
      // platforms modelled from vendor documentation
      Map.entry("cisco-xr", "cisco-iosxr"), Map.entry("cisco-wlc4", "cisco-aireos"),
      Map.entry("cisco-wlc5", "cisco-aireos"), Map.entry("paloalto", "paloalto-panos"),
      Map.entry("extreme", "extreme-exos"), Map.entry("f5", "f5-tmos"),
      // platforms modelled from recordings
      Map.entry("fortigate", "fortinet-fortigate"), Map.entry("foundry", "ruckus-icx"));
  private static final Map<String, String> OXIDIZED = Map.ofEntries(Map.entry("ios", "cisco-ios"),
      Map.entry("iosxe", "cisco-ios"), Map.entry("nxos", "cisco-nxos"), Map.entry("asa", "cisco-asa"),
      Map.entry("eos", "arista-eos"), Map.entry("junos", "juniper-junos"), Map.entry("procurve", "hp-procurve"),
      Map.entry("comware", "hpe-comware"), Map.entry("h3c", "hpe-comware"), Map.entry("aoscx", "aruba-aoscx"),
      Map.entry("routeros", "mikrotik-routeros"), Map.entry("vyatta", "vyos"), Map.entry("vyos", "vyos"),
      Map.entry("linuxgeneric", "linux"),
      // platforms modelled from vendor documentation
      Map.entry("iosxr", "cisco-iosxr"), Map.entry("vrp", "huawei-vrp"), Map.entry("panos", "paloalto-panos"),
      Map.entry("os10", "dell-os10"), Map.entry("xos", "extreme-exos"), Map.entry("edgeos", "ubiquiti-edgeos"),
      Map.entry("aireos", "cisco-aireos"), Map.entry("tmos", "f5-tmos"), Map.entry("gaiaos", "checkpoint-gaia"),
      Map.entry("srosmd", "nokia-sros"),
      // platforms modelled from recordings (Oxidized's own model names; apc_aos and eaton_network
      // are older names; fortios is FortiManager and Oxidized's other VM appliances, FortiGate has
      // its own model since Oxidized split them)
      Map.entry("aosw", "aruba-aos"), Map.entry("arubainstant", "aruba-instant"),
      Map.entry("fortigate", "fortinet-fortigate"), Map.entry("fortios", "fortinet-fortimanager"),
      Map.entry("firelinuxos", "cisco-ftd"), Map.entry("ironware", "ruckus-icx"), Map.entry("fastiron", "ruckus-icx"),
      Map.entry("cumulus", "cumulus-nvue"), Map.entry("mlnxos", "nvidia-onyx"), Map.entry("efos", "broadcom-efos"),
      Map.entry("fsos", "fs-fsos"), Map.entry("netgear", "netgear"), Map.entry("tplink", "tplink"),
      Map.entry("saos10", "ciena-saos10"), Map.entry("tnsr", "netgate-tnsr"), Map.entry("pfsense", "pfsense"),
      Map.entry("opnsense", "opnsense"), Map.entry("sonicos", "sonicwall-sonicos"), Map.entry("quantaos", "quanta"),
      Map.entry("perle", "perle"), Map.entry("garderos", "garderos"), Map.entry("eatonnetwork", "eaton-networkm3"),
      Map.entry("eaton_network", "eaton-networkm3"), Map.entry("apcaos", "apc-aos"), Map.entry("apc_aos", "apc-aos"),
      Map.entry("smartbyte", "smartbyte"), Map.entry("vsololt", "vsol-olt"));

  private LegacyImport() {}

  /** RANCID device types and the Patina model each becomes. */
  public static Map<String, String> rancidTypes() {
    return RANCID;
  }

  /** Oxidized model names and the Patina model each becomes. */
  public static Map<String, String> oxidizedTypes() {
    return OXIDIZED;
  }

  /**
   * RANCID 3 {@code name;type;state[;comment]} (older {@code name:type:state}); devices marked
   * down are left out with a comment. Credentials live in RANCID's .cloginrc, so the
   * defaults refer to environment variables the user sets.
   */
  public static String fromRancid(Path routerDb) throws ConfigException, IOException {
    List<Problem> problems = new ArrayList<>();
    StringBuilder devices = new StringBuilder();
    List<String> lines = Files.readAllLines(routerDb, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split(line.contains(";") ? ";" : ":", -1);
      if (f.length < 3) {
        problems.add(new Problem(routerDb, i + 1, "expected name;type;state, got \"" + line + "\""));
        continue;
      }
      String name = f[0].strip();
      String type = f[1].strip().toLowerCase(Locale.ROOT);
      if (!f[2].strip().equalsIgnoreCase("up")) {
        devices.append("  # ").append(name).append(" is marked ").append(f[2].strip()).append(" in router.db\n");
        continue;
      }
      String model = model(RANCID, type, routerDb, i + 1, name, problems);
      if (model != null && safe(name, routerDb, i + 1, problems)) device(devices, name, name, model, null, null);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return "# Imported from " + routerDb.getFileName() + " by patina inventory import.\n"
        + "# RANCID kept credentials in .cloginrc: set NET_USER and NET_PASSWORD (or edit the defaults).\n"
        + "defaults: { username: \"${env:NET_USER}\", password: \"${env:NET_PASSWORD}\" }\n"
        + "devices:\n" + devices;
  }

  /**
   * Oxidized's CSV source in its usual layout {@code name:model[:username:password]}. Passwords
   * found there are written as given; move them to {@code ${env:...}} or {@code ${file:...}}.
   */
  public static String fromOxidizedCsv(Path csv) throws ConfigException, IOException {
    List<Problem> problems = new ArrayList<>();
    StringBuilder devices = new StringBuilder();
    boolean plaintext = false;
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split(":", -1);
      if (f.length < 2) {
        problems.add(new Problem(csv, i + 1, "expected name:model[:username:password], got \"" + line + "\""));
        continue;
      }
      String name = f[0].strip();
      String model = model(OXIDIZED, f[1].strip().toLowerCase(Locale.ROOT), csv, i + 1, name, problems);
      String user = f.length > 2 && !f[2].isBlank() ? f[2].strip() : null;
      String password = f.length > 3 && !f[3].isEmpty() ? f[3] : null;
      plaintext |= password != null;
      if (model != null && safe(name, csv, i + 1, problems)) device(devices, name, name, model, user, password);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return "# Imported from " + csv.getFileName() + " by patina inventory import.\n"
        + (plaintext ? "# Passwords are as they were in the CSV: move them to \"${env:NAME}\" or \"${file:PATH}\".\n" : "")
        + "defaults: { username: \"${env:NET_USER}\", password: \"${env:NET_PASSWORD}\" }\n"
        + "devices:\n" + devices;
  }

  private static String model(Map<String, String> map, String type, Path file, int line, String name,
      List<Problem> problems) {
    String model = map.get(type);
    if (model == null) {
      problems.add(new Problem(file, line, "device \"" + name + "\": no Patina model for type \"" + type
          + "\"; known: " + String.join(", ", map.keySet().stream().sorted().toList())
          + " (write a model for it, then add the device by hand)"));
    }
    return model;
  }

  private static boolean safe(String name, Path file, int line, List<Problem> problems) {
    String bad = SafeNames.problem(name);
    if (bad == null) return true;
    problems.add(new Problem(file, line, "device \"" + name + "\": name " + bad));
    return false;
  }

  private static void device(StringBuilder out, String name, String host, String model, String user, String password) {
    out.append("  - { name: ").append(q(name)).append(", host: ").append(q(host)).append(", model: ").append(model);
    if (user != null) out.append(", username: ").append(q(user));
    if (password != null) out.append(", password: ").append(q(password));
    out.append(" }\n");
  }

  /** A YAML double-quoted string. */
  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
