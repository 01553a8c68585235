package dev.patina.collector.snmp;

import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/** Variables as readable text: printable strings as text, other octet strings as hex. */
final class SnmpText {
  private SnmpText() {}

  static String of(Variable v) {
    if (v instanceof OctetString s) {
      return s.isPrintable() ? s.toString().replace("\r", "").strip() : s.toHexString();
    }
    return v.toString();
  }
}
