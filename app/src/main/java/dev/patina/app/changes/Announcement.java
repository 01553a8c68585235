package dev.patina.app.changes;

import java.net.InetAddress;
import java.util.Map;

/**
 * One message as received, before it is matched to a device: a syslog message (text, and the
 * hostname from its header when it has one) or an SNMP notification (its snmpTrapOID and
 * varbinds, rendered as text for the commit body).
 *
 * @param via how it came: {@code syslog/udp}, {@code syslog/tcp}, {@code trap v2c}, {@code inform v3}, ...
 * @param from the sender's address
 * @param hostname the HOSTNAME of the syslog header, or null
 * @param text the message without its priority (syslog) or the notification in one line (SNMP)
 * @param trapOid the snmpTrapOID.0 value of a notification, null for syslog
 * @param varbinds a notification's varbinds by OID, empty for syslog
 * @param nanos when it was received ({@link System#nanoTime()})
 */
record Announcement(String via, InetAddress from, String hostname, String text, String trapOid,
    Map<String, String> varbinds, long nanos) {

  boolean isTrap() {
    return trapOid != null;
  }

  /** The varbind whose OID is {@code prefix} or starts with {@code prefix.} (the instance suffix). */
  String varbind(String prefix) {
    String exact = varbinds.get(prefix);
    if (exact != null) return exact;
    for (Map.Entry<String, String> e : varbinds.entrySet()) {
      if (e.getKey().startsWith(prefix + ".")) return e.getValue();
    }
    return null;
  }
}
