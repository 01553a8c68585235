package dev.patina.bench;

import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * What cleaning one 2,000-line running config costs with the credential detector on: the
 * {@code cisco-ios} model's drop and secret patterns, then the detector on every line, as a
 * backup runs it. Two configs: the fleet benchmark's synthetic switch (one credential line), and
 * the same switch with 120 credential lines of the common forms (users, SNMPv3, TACACS, NTP
 * keys, BGP and OSPF keys, key chains) and 60 lines that only mention a credential word. Also
 * what masking stored text again costs (the detector alone, with its line filter): done on the
 * previous version of each changed device before diffing, and by diff/show/log -p.
 */
final class NormalizeBench {
  private NormalizeBench() {}

  static void run(int repeats, Table table) throws Exception {
    Model ios = ModelRegistry.load(null).find("cisco-ios").orElseThrow();
    CleanupRules rules = ios.cleanupFor("running-config");
    Normalizer normalizer = new Normalizer(SecretMasker.withKey("bench-key-0123456789abcdef012345".getBytes()));
    String plain = SyntheticIos.config(1, 2000, 0);
    String heavy = withCredentials(plain);
    for (String[] c : List.of(new String[] {"synthetic switch, 1 credential line", plain},
        new String[] {"synthetic switch, 120 credential lines", heavy})) {
      String text = c[1];
      long lines = text.lines().count();
      String stored = normalizer.normalize(text, rules, "bench-1");
      table.row("normalise a " + lines + "-line config (" + c[0] + ") with the detector: CPU per config",
          measure(repeats, () -> normalizer.normalize(text, rules, "bench-1")).format("µs"));
      table.row("mask the stored text again for display (the old side of a diff, show; " + c[0] + "): CPU per config",
          measure(repeats, () -> normalizer.mask(stored, "bench-1")).format("µs"));
    }
  }

  /** The config with credential lines in place of some interface descriptions, same line count. */
  static String withCredentials(String config) {
    List<String> lines = new ArrayList<>(config.lines().toList());
    String[] forms = {
        "username ops%d privilege 15 secret 9 $9$abcdefgh%d$ijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNO",
        "snmp-server user mon%d NMS v3 auth sha AuthKey%d priv aes 128 PrivKey%d",
        "tacacs server T%d\n key 7 045802150C2E1D1C5A%d",
        "ntp authentication-key %d md5 NtpKey%d 7",
        " neighbor 192.0.2.%d password 7 13061E010803%d",
        " ip ospf message-digest-key %d md5 7 0010161510%d",
        "key chain KC%d\n key 1\n  key-string 7 070C285F4D06%d",
        "snmp-server community Comm%d RO %d",
        "aaa authentication login VTY%d group tacacs+ local",
        "password encryption aes\nservice password-encryption",
        " standby %d authentication md5 key-chain HSRP-KC%d",
    };
    int at = 40;
    for (int i = 0; i < 60 && at < lines.size() - 40; i++, at += 28) {
      String form = forms[i % forms.length].formatted(i, i, i);
      String[] add = form.split("\n");
      for (int k = 0; k < add.length; k++) lines.set(at + k, add[k]);
    }
    return String.join("\n", lines) + "\n";
  }

  /**
   * CPU time of this thread per call, in µs: on a machine shared with other work, wall time
   * measures the neighbours; the work done by one normalisation is its CPU time.
   */
  private static Stats measure(int repeats, Runnable once) {
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    int perRound = 400;
    for (int i = 0; i < 2_000; i++) once.run(); // warm-up: compiled code, as in a long run
    List<Double> us = new ArrayList<>();
    for (int r = 0; r < Math.max(repeats, 7); r++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) once.run();
      us.add((cpu.getCurrentThreadCpuTime() - t0) / 1000.0 / perRound);
    }
    return Stats.of(us);
  }
}
