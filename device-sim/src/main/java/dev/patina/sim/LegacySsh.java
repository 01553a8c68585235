package dev.patina.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/** The algorithm set of an old switch: nothing newer than SHA-1 key exchange and CBC ciphers. */
final class LegacySsh {
  private LegacySsh() {}

  static void apply(SshServer sshd) {
    sshd.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
        List.of(BuiltinDHFactories.dhg14, BuiltinDHFactories.dhg1), ServerBuilder.DH2KEX));
    List<NamedFactory<Signature>> signatures = new ArrayList<>(List.of(BuiltinSignatures.rsa));
    sshd.setSignatureFactories(signatures);
    List<NamedFactory<Cipher>> ciphers = new ArrayList<>(List.of(
        BuiltinCiphers.aes128cbc, BuiltinCiphers.aes256cbc, BuiltinCiphers.tripledescbc));
    sshd.setCipherFactories(ciphers);
    List<NamedFactory<Mac>> macs = new ArrayList<>(List.of(BuiltinMacs.hmacsha1));
    sshd.setMacFactories(macs);
  }
}
