package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each built-in model reads who changed it from its own change messages, and nothing from others. */
class ChangeRulesTest {
  private static ChangeRules rules(String model) throws Exception {
    return ModelRegistry.load(null).find(model).orElseThrow().changes();
  }

  private static ChangeRules.Who who(String model, String message) throws Exception {
    return rules(model).match(message).orElseThrow(() -> new AssertionError(model + " did not match: " + message));
  }

  @Test
  void everyVendorsChangeMessageNamesTheUserLineAndSourceItCarries() throws Exception {
    assertEquals(new ChangeRules.Who("admin", "vty0", "192.0.2.10", null),
        who("cisco-ios", "<189>42: *Nov 26 14:01:02.345: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.10)"));
    assertEquals(new ChangeRules.Who("console", null, null, null),
        who("cisco-ios", "%SYS-5-CONFIG_I: Configured from console by console"));
    assertEquals(new ChangeRules.Who("admin", "vty3", "192.0.2.11", null),
        who("arista-eos", "Ebra: %SYS-5-CONFIG_I: Configured from console by admin on vty3 (192.0.2.11)"));
    assertEquals(new ChangeRules.Who("admin", "pts/0", "192.0.2.12", null),
        who("cisco-nxos", "%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 192.0.2.12@pts/0"));
    assertEquals(new ChangeRules.Who("jdoe", null, null, "new vlan 20"),
        who("juniper-junos", "mgd[4242]: UI_COMMIT: User 'jdoe' requested 'commit' operation (comment: new vlan 20)"));
    assertEquals(ChangeRules.Who.UNKNOWN, who("juniper-junos-netconf", "mgd[4242]: UI_COMMIT_COMPLETED: commit complete"));
    assertEquals(new ChangeRules.Who("admin", "CLI", "192.0.2.13", "hostname fw1"),
        who("cisco-asa", "%ASA-5-111010: User 'admin', running 'CLI' from IP 192.0.2.13, executed 'hostname fw1'"));
    assertEquals(new ChangeRules.Who("admin", "vty0", "192.0.2.14", "vlan 20"),
        who("hpe-comware", "%Nov 26 14:01:02:593 2026 sw5 SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=192.0.2.14-User=admin; Command is vlan 20"));
    assertEquals(new ChangeRules.Who("admin", "winbox-3.40/tcp-msg(winbox)", "192.0.2.15", null),
        who("mikrotik-routeros", "system,info address added by winbox-3.40/tcp-msg(winbox):admin@192.0.2.15/action:12 (/ip address add)"));
    assertEquals(new ChangeRules.Who("admin", null, null, null),
        who("mikrotik-routeros", "system,info mangle rule changed by admin"));
    assertEquals(new ChangeRules.Who("vyos", "/dev/pts/0", null, null),
        who("vyos", "commit: Successful change to active configuration by user vyos on /dev/pts/0"));
    assertEquals(new ChangeRules.Who("ops", "pts/1", null, "/usr/bin/vi /etc/keepalived/keepalived.conf"),
        who("linux", "sudo:      ops : TTY=pts/1 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/vi /etc/keepalived/keepalived.conf"));
    assertEquals(new ChangeRules.Who("admin", "ssh", "192.0.2.16", "Edit system.interface port1"),
        who("fortinet-fortigate", "date=2026-11-26 time=14:01:02 devname=\"fw1\" devid=\"FG5H1E\" logid=\"0100044547\""
            + " type=\"event\" subtype=\"system\" level=\"information\" vd=\"root\" logdesc=\"Object attribute configured\""
            + " user=\"admin\" ui=\"ssh(192.0.2.16)\" action=\"Edit\" cfgtid=1 cfgpath=\"system.interface\""
            + " cfgobj=\"port1\" cfgattr=\"alias[->lan]\" msg=\"Edit system.interface port1\""));
    assertEquals(new ChangeRules.Who(null, "CLI", null, null),
        who("hp-procurve", "00063 mgr:  Startup configuration changed by CLI. New seq. number 12"));
  }

  @Test
  void ordinaryMessagesAreNotChanges() throws Exception {
    assertTrue(rules("cisco-ios").match("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up").isEmpty());
    assertTrue(rules("cisco-ios").match("%SYS-5-CONFIG_E: Enter configuration mode").isEmpty());
    assertTrue(rules("hpe-comware").match("SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=192.0.2.14-User=admin; Command is display version").isEmpty());
    assertTrue(rules("juniper-junos").match("UI_CMDLINE_READ_LINE: User 'jdoe', command 'show configuration'").isEmpty());
    assertTrue(rules("fortinet-fortigate").match("logid=\"0100032001\" type=\"event\" subtype=\"system\""
        + " logdesc=\"Admin login successful\" user=\"admin\" ui=\"ssh(192.0.2.16)\"").isEmpty());
    assertTrue(rules("snmp").isEmpty(), "a model without changes: has none");
  }

  @Test
  void theCiscoConfigManTrapReadsUserTerminalTypeAndLocationFromItsVarbinds() throws Exception {
    ChangeRules.Trap trap = rules("cisco-ios").trap("1.3.6.1.4.1.9.9.43.2.0.1").orElseThrow();
    Map<String, String> varbinds = Map.of("1.3.6.1.4.1.9.9.43.1.1.6.1.8.17", "admin",
        "1.3.6.1.4.1.9.9.43.1.1.6.1.6.17", "5", "1.3.6.1.4.1.9.9.43.1.1.6.1.9.17", "192.0.2.10");
    ChangeRules.Who who = trap.read(prefix -> varbinds.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix + ".")).map(Map.Entry::getValue).findFirst().orElse(null));
    assertEquals(new ChangeRules.Who("admin", "vty", "192.0.2.10", null), who);
  }

  @Test
  void aChangeRegexWithAnUnknownGroupOrABadOidIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("acme.yaml"), """
        session: exec
        artifacts: [{ name: running-config, command: show config }]
        changes:
          syslog: ['CONFIG by (?<who>\\S+)']
          traps: [{ oid: ciscoConfigManEvent }]
        """);
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    String m = String.join("\n", e.problems());
    assertTrue(m.contains("acme.yaml:4: changes: regex CONFIG by (?<who>\\S+): unknown group (?<who>)"), m);
    assertTrue(m.contains("acme.yaml:5: changes: traps: \"oid\" must be a numeric OID"), m);
  }
}
