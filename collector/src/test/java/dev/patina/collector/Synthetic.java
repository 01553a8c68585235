package dev.patina.collector;

import dev.patina.sim.Capture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small made-up IOS sessions for engine tests: a big config, a pager, a prompt in VT100 codes. */
final class Synthetic {
  static final String PROMPT = "edge-rtr1#";

  private Synthetic() {}

  /** A running configuration of about {@code kilobytes} KB ending with "end". */
  static List<String> bigConfig(int kilobytes) {
    List<String> lines = new ArrayList<>(List.of("!", "version 17.9", "hostname edge-rtr1", "!"));
    int size = 0;
    for (int i = 1; size < kilobytes * 1024; i++) {
      String block = "interface GigabitEthernet1/0/" + i + "\n description port " + i
          + " to access switch # not a prompt>\n switchport mode access\n!";
      lines.addAll(List.of(block.split("\n")));
      size += block.length() + 1;
    }
    lines.add("end");
    return lines;
  }

  /** An IOS session whose "show running-config" replies {@code config}, echo and prompt around it. */
  static Capture ios(List<String> config) {
    String banner = "\r\n*** Authorised use only: admin# and user> welcome ***\r\n" + PROMPT;
    return Capture.of("ios", banner, false, List.of(
        Map.entry("terminal length 0\n", "terminal length 0\r\n" + PROMPT),
        Map.entry("terminal width 0\n", "terminal width 0\r\n" + PROMPT),
        Map.entry("show version\n", "show version\r\nCisco IOS XE Software, Version 17.09.04a\r\n"
            + "edge-rtr1 uptime is 4 days, 1 hour\r\n" + PROMPT),
        Map.entry("show inventory\n", "show inventory\r\nNAME: \"Chassis\"\r\n" + PROMPT),
        Map.entry("show running-config\n", "show running-config\r\nBuilding configuration...\r\n\r\n"
            + String.join("\r\n", config) + "\r\n\r\n" + PROMPT)));
  }

  /** An IOS session paging its config with --More-- (backspaces erase the pager) and a VT100-wrapped prompt. */
  static Capture pagedIos() {
    String prompt = "\u001b[?25l\u001b[24;1Hpaged-sw1#\u001b[?25h";
    String erase = "\b".repeat(9) + " ".repeat(9) + "\b".repeat(9);
    return Capture.of("ios", "\r\n" + prompt, true, List.of(
        Map.entry("terminal length 0\n", "terminal length 0\r\n% Invalid input detected at '^' marker.\r\n" + prompt),
        Map.entry("terminal width 0\n", "terminal width 0\r\n" + prompt),
        Map.entry("show running-config\n", "show running-config\r\n!\r\nhostname paged-sw1\r\n"
            + "interface Vlan1\r\n --More-- "),
        Map.entry(" ", erase + " ip address 192.0.2.1 255.255.255.0\r\n!\r\n --More-- "),
        Map.entry(" ", erase + "end\r\n\r\n" + prompt)));
  }
}
