package dev.patina.collector.ssh;

import com.hierynomus.sshj.key.KeyAlgorithms;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.kex.DHGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;

/**
 * The algorithms old switches still need (ssh-rsa host keys, SHA-1 Diffie-Hellman groups, CBC
 * ciphers): removed from sshj's defaults, added back only for a device that opts in.
 */
final class LegacyAlgorithms {
  private static final Set<String> KEX = Set.of("diffie-hellman-group1-sha1",
      "diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1");
  private static final Set<String> KEYS = Set.of("ssh-rsa", "ssh-dss", "ssh-rsa-cert-v01@openssh.com",
      "ssh-dss-cert-v01@openssh.com");

  private LegacyAlgorithms() {}

  /** sshj's default configuration, with or without the legacy algorithms. */
  static DefaultConfig config(boolean legacy) {
    DefaultConfig config = new DefaultConfig();
    config.setKeyExchangeFactories(adjust(config.getKeyExchangeFactories(), KEX::contains, legacy,
        List.of(DHGroups.Group14SHA1(), DHGroups.Group1SHA1())));
    config.setKeyAlgorithms(adjust(config.getKeyAlgorithms(), KEYS::contains, legacy,
        List.of(KeyAlgorithms.SSHRSA())));
    config.setCipherFactories(adjust(config.getCipherFactories(), n -> n.endsWith("-cbc"), legacy,
        List.of(BlockCiphers.AES128CBC(), BlockCiphers.AES256CBC(), BlockCiphers.TripleDESCBC())));
    return config;
  }

  private static <T> List<Factory.Named<T>> adjust(List<Factory.Named<T>> defaults,
      java.util.function.Predicate<String> isLegacy, boolean legacy, List<? extends Factory.Named<T>> extra) {
    List<Factory.Named<T>> out = new ArrayList<>();
    for (Factory.Named<T> f : defaults) {
      if (legacy || !isLegacy.test(f.getName())) {
        out.add(f);
      }
    }
    if (legacy) {
      for (Factory.Named<T> f : extra) {
        if (out.stream().noneMatch(o -> o.getName().equals(f.getName()))) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
