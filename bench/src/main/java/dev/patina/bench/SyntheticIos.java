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

  /**
   * A {@code show version} laid out as a Catalyst 9300's: RANCID's parser reads past the
   * processor line and needs the lines that follow it, as a real switch prints them.
   */
  static String showVersion(int i) {
    return "Cisco IOS XE Software, Version 17.09.04a\n"
        + "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE\n"
        + "Technical Support: http://www.cisco.com/techsupport\n"
        + "Compiled Fri 20-Oct-23 10:44 by mcpre\n\n"
        + "ROM: IOS-XE ROMMON\nBOOTLDR: System Bootstrap, Version 17.9.1r, RELEASE SOFTWARE (P)\n\n"
        + "bench-" + i + " uptime is 4 weeks, 2 days, 3 hours, 12 minutes\n"
        + "System returned to ROM by Reload Command\n"
        + "System image file is \"flash:packages.conf\"\n"
        + "Last reload reason: Reload Command\n\n"
        + "cisco C9300-48P (X86) processor with 1000000K/6147K bytes of memory.\n"
        + "Processor board ID BENCH" + i + "\n"
        + "48 Gigabit Ethernet interfaces\n"
        + "2048K bytes of non-volatile configuration memory.\n"
        + "8388608K bytes of physical memory.\n\n"
        + "Base Ethernet MAC Address          : 00:11:22:33:44:55\n"
        + "Model Number                       : C9300-48P\n"
        + "System Serial Number               : BENCH" + i + "\n\n"
        + "Configuration register is 0x102\n\n";
  }

  /** A shell capture replaying that config, as a Cisco IOS device would. */
  static Capture capture(int i, int lines, int revision) {
    String prompt = "bench-" + i + "#";
    String config = config(i, lines, revision);
    return Capture.of("ios", "\n" + prompt, false, List.of(
        Map.entry("terminal length 0\n", "terminal length 0\n" + prompt),
        Map.entry("terminal width 0\n", "terminal width 0\n" + prompt),
        Map.entry("show version\n", "show version\n" + showVersion(i) + prompt),
        Map.entry("show inventory\n", "show inventory\nNAME: \"c93xx Stack\", DESCR: \"c93xx Stack\"\n"
            + "PID: C9300-48P         , VID: V02  , SN: BENCH" + i + "\n" + prompt),
        Map.entry("show running-config\n", "show running-config\nBuilding configuration...\n\n"
            + "Current configuration : " + config.length() + " bytes\n" + config + prompt)));
  }
}
