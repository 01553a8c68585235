package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.sim.snmp.SimSnmpAgent;
import dev.patina.store.RepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SNMP-only switch (model auto, no CLI credentials): VRRP and LAG state in git and mail. */
class SnmpPipelineTest {
  /** LACP state: activity, aggregation, synchronization, collecting, distributing (bit 0 = high-order bit). */
  private static final int ACTIVE = 0b1011_1100;

  @Test
  void aVrrpStateChangeAndALagMemberLeavingShowInGitAndEmail(@TempDir Path dir) throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (SimSnmpAgent agent = SimSnmpAgent.start("ro-community")) {
      agent.system("Cisco IOS Software, C9300 Software (CAT9K_IOSXE), Version 17.9.4a", "1.3.6.1.4.1.9.1.2494", "dist-4")
          .iface(10, "Vlan100", true).iface(1, "Gi1/0/1", true).iface(2, "Gi1/0/2", true).iface(50, "Po1", true)
          .vrrp(10, 51, 3, 150, "192.0.2.2", "192.0.2.1")
          .vrrpv3(10, 52, 2, 100, "192.0.2.6", "192.0.2.5")
          .lagAggregator(50, "00:11:22:33:44:55", 7, "00:1b:17:00:01:10", 32785)
          .lagPort(1, 50, 7, ACTIVE, ACTIVE).lagPort(2, 50, 7, ACTIVE, ACTIVE);
      TestFleet.serviceConfig(dir, smtp.getSmtp().getPort());
      Files.writeString(dir.resolve("devices.yaml"), """
          devices:
            - { name: dist-4, host: 127.0.0.1, model: auto,
                snmp: { version: 2c, port: %d, community: ro-community, timeout: 1s } }
          """.formatted(agent.port()));
      String config = dir.resolve("patina.yaml").toString();

      TestFleet.Result first = TestFleet.run("--config", config, "run");
      assertEquals(0, first.status(), first.toString());
      assertTrue(first.out().contains("model auto: 1.3.6.1.4.1.9.1.2494 \"Cisco IOS Software, C9300"), first.out());
      assertTrue(first.out().contains("is cisco-ios; no CLI credentials, so its SNMP state alone"), first.out());
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        assertEquals("""
            vrrp Vlan100/51
              version: 2
              interface: Vlan100
              vrid: 51
              role: MASTER
              priority: 150
              master: 192.0.2.2
              virtual: 192.0.2.1
            vrrp Vlan100/52
              version: 3
              interface: Vlan100
              vrid: 52
              role: BACKUP
              priority: 100
              master: 192.0.2.6
              virtual: 192.0.2.5
            """, store.read("dist-4", "state/vrrp").orElseThrow());
        String lag = store.read("dist-4", "state/lag").orElseThrow();
        assertTrue(lag.startsWith("aggregator Po1\n"), lag);
        assertTrue(lag.contains("  port Gi1/0/2\n    selected: yes\n"), lag);
        assertTrue(lag.contains("    actor-state: activity aggregation synchronization collecting distributing\n"), lag);
      }

      agent.vrrp(10, 51, 2, 150, "192.0.2.3", "192.0.2.1").removeLagPort(2);
      TestFleet.Result second = TestFleet.run("--config", config, "run");
      assertEquals(0, second.status(), second.toString());
      assertTrue(second.out().contains("CRITICAL VRRP Vlan100/51 on dist-4: MASTER -> BACKUP"), second.out());
      String mail = EndToEndTest.raw(smtp.getReceivedMessages()[smtp.getReceivedMessages().length - 1]);
      assertTrue(mail.contains("-  role: MASTER") && mail.contains("+  role: BACKUP"), mail);
      assertTrue(mail.contains("-  port Gi1/0/2"), mail);
      assertTrue(mail.contains("VRRP Vlan100/51 on dist-4: MASTER -> BACKUP"), mail);
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        assertEquals(2, store.history().log("dist-4", 10).size());
      }
    } finally {
      smtp.stop();
    }
  }
}
