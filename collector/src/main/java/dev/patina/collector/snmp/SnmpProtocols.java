package dev.patina.collector.snmp;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.OID;

/** The inventory's protocol names (SHA-256, AES-128, ...) as snmp4j protocol ids. */
public final class SnmpProtocols {
  private SnmpProtocols() {}

  public static synchronized void register() {
    SecurityProtocols p = SecurityProtocols.getInstance();
    p.addDefaultProtocols(); // snmp4j 3.8 leaves MD5, SHA-1 and DES out of its defaults; devices still use them
    p.addAuthenticationProtocol(new AuthMD5());
    p.addAuthenticationProtocol(new AuthSHA());
    p.addPrivacyProtocol(new PrivDES());
    p.addAuthenticationProtocol(new AuthHMAC128SHA224());
    p.addAuthenticationProtocol(new AuthHMAC192SHA256());
    p.addAuthenticationProtocol(new AuthHMAC256SHA384());
    p.addAuthenticationProtocol(new AuthHMAC384SHA512());
    p.addPrivacyProtocol(new Priv3DES());
    p.addPrivacyProtocol(new PrivAES192());
    p.addPrivacyProtocol(new PrivAES256());
  }

  public static OID auth(String name) {
    if (name == null) return null;
    return switch (name) {
      case "MD5" -> AuthMD5.ID;
      case "SHA" -> AuthSHA.ID;
      case "SHA-224" -> AuthHMAC128SHA224.ID;
      case "SHA-256" -> AuthHMAC192SHA256.ID;
      case "SHA-384" -> AuthHMAC256SHA384.ID;
      case "SHA-512" -> AuthHMAC384SHA512.ID;
      default -> throw new IllegalArgumentException("unknown SNMP auth protocol " + name);
    };
  }

  public static OID priv(String name) {
    if (name == null) return null;
    return switch (name) {
      case "DES" -> PrivDES.ID;
      case "3DES" -> Priv3DES.ID;
      case "AES-128" -> PrivAES128.ID;
      case "AES-192" -> PrivAES192.ID;
      case "AES-256" -> PrivAES256.ID;
      default -> throw new IllegalArgumentException("unknown SNMP privacy protocol " + name);
    };
  }
}
