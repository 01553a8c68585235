package dev.patina.cluster;

import dev.patina.app.Patina;
import dev.patina.diff.SecretMasker;
import dev.patina.inventory.Device;
import dev.patina.inventory.Secret;
import dev.patina.inventory.SnmpSettings;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * What a node runs with, as fingerprints it registers in {@code patina_nodes} at start and on
 * reload: the key id of its secret key ({@link SecretMasker#keyId}, never the key) and an HMAC
 * under that key of its parsed inventory (every device's settings, secrets included, in name
 * order; not the file's layout, comments or line numbers), with the file it read and how many
 * devices it holds.
 */
record NodeFingerprint(String keyId, String inventoryHash, String inventoryFile, int devices) {
  static NodeFingerprint of(Patina patina) throws IOException {
    SecretMasker key = SecretMasker.loadOrCreate(patina.config().secretKeyFile());
    List<Device> devices = patina.inventory().devices().stream().sorted(Comparator.comparing(Device::name)).toList();
    StringBuilder s = new StringBuilder();
    for (Device d : devices) {
      s.append(String.join("\u001f", d.name(), d.host(), String.valueOf(d.port()), d.model(), str(d.group()),
          str(d.username()), value(d.password()), value(d.enablePassword()), str(d.privateKey()),
          String.valueOf(d.legacySsh()), snmp(d.snmp()), new TreeMap<>(d.vars()).toString(), d.mailTo().toString(),
          str(d.schedule()), str(d.timeout()), str(d.zone()))).append('\u001e');
    }
    return new NodeFingerprint(key.keyId(), key.fingerprint(s.toString()).substring(0, 16),
        patina.config().inventory().toString(), devices.size());
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  private static String value(Secret s) {
    return s == null ? "" : s.value();
  }

  private static String snmp(SnmpSettings s) {
    if (s == null) return "";
    return String.join(",", String.valueOf(s.version()), String.valueOf(s.port()), value(s.community()), str(s.user()),
        str(s.authProtocol()), value(s.authPassword()), str(s.privProtocol()), value(s.privPassword()),
        str(s.timeout()), String.valueOf(s.retries()));
  }
}
