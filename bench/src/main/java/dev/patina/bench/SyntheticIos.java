package dev.patina.bench;

import dev.patina.sim.Capture;
import java.util.List;
import java.util.Map;

/** An IOS-like device with a realistic 2,000-line running config: interfaces, VLANs, ACLs, routing. */
final class SyntheticIos {
  private SyntheticIos() {}

  /** The running config of device {@code i} ({@code lines} long), changed at {@code revision}. */
  static String config(int i, int lines, int revision) {
    StringBuilder s = new StringBuilder(lines * 40);
    s.append("version 17.9\nservice timestamps log datetime msec\nhostname bench-").append(i).append("\n!\n");
    s.append("enable secret 9 $9$benchSECRET").append(i).append("\n!\n");
    int n = 0;
    int written = 6;
    while (written < lines - 40) {
      written += 6;
      int port = n % 48 + 1;
      int slot = n / 48 + 1;
      s.append("interface GigabitEthernet").append(slot).append("/0/").append(port).append('\n')
          .append(" description access port ").append(slot).append('-').append(port)
          .append(n == 7 ? " rev " + revision : "").append('\n')
          .append(" switchport access vlan ").append(100 + n % 50).append('\n')
          .append(" switchport mode access\n spanning-tree portfast\n!\n");
      n++;
    }
    for (int v = 0; written < lines - 8; v++, written += 2) {
      s.append("vlan ").append(1000 + v).append("\n name bench-").append(v).append('\n');
    }
    s.append("ip access-list extended MGMT\n permit tcp 192.0.2.0 0.0.0.255 any eq 22\n deny ip any any log\n!\n");
    s.append("line vty 0 4\n transport input ssh\n!\nend\n");
    return s.toString();
  }

  /** A shell capture replaying that config, as a Cisco IOS device would. */
  static Capture capture(int i, int lines, int revision) {
    String prompt = "bench-" + i + "#";
    String config = config(i, lines, revision);
    return Capture.of("ios", "\n" + prompt, false, List.of(
        Map.entry("terminal length 0\n", "terminal length 0\n" + prompt),
        Map.entry("terminal width 0\n", "terminal width 0\n" + prompt),
        Map.entry("show version\n", "show version\nCisco IOS XE Software, Version 17.09.04a\n"
            + "cisco C9300-48P (X86) processor with 1000000K bytes of memory.\nProcessor board ID BENCH" + i
            + "\n" + prompt),
        Map.entry("show inventory\n", "show inventory\nNAME: \"c93xx Stack\", DESCR: \"c93xx Stack\"\n"
            + "PID: C9300-48P         , VID: V02  , SN: BENCH" + i + "\n" + prompt),
        Map.entry("show running-config\n", "show running-config\nBuilding configuration...\n\n"
            + "Current configuration : " + config.length() + " bytes\n" + config + prompt)));
  }
}
