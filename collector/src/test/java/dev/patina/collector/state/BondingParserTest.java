package dev.patina.collector.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BondingParserTest {
  /** The 3.7.1 driver's 802.3ad output, as in the LACP-on-Debian seed article. */
  static final String OLD_8023AD = """
      Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)

      Bonding Mode: IEEE 802.3ad Dynamic link aggregation
      Transmit Hash Policy: layer2+3 (2)
      MII Status: up
      MII Polling Interval (ms): 100
      Up Delay (ms): 200
      Down Delay (ms): 200

      802.3ad info
      LACP rate: fast
      Min links: 0
      Aggregator selection policy (ad_select): stable
      Active Aggregator Info:
              Aggregator ID: 1
              Number of ports: 2
              Actor Key: 33
              Partner Key: 11
              Partner Mac Address: 02:00:00:00:00:63

      Slave Interface: eth7
      MII Status: up
      Speed: 10000 Mbps
      Duplex: full
      Link Failure Count: 2
      Permanent HW addr: a0:36:9f:37:44:da
      Aggregator ID: 1
      Slave queue ID: 0

      Slave Interface: eth5
      MII Status: up
      Speed: 10000 Mbps
      Duplex: full
      Link Failure Count: 2
      Permanent HW addr: a0:36:9f:37:44:ca
      Aggregator ID: 1
      Slave queue ID: 0
      """;

  /** A 6.x kernel's 802.3ad output with LACP PDU details and churn counters. */
  static final String NEW_8023AD = """
      Ethernet Channel Bonding Driver: v6.1.0-28-amd64

      Bonding Mode: IEEE 802.3ad Dynamic link aggregation
      Transmit Hash Policy: layer3+4 (1)
      MII Status: up
      MII Polling Interval (ms): 100
      Up Delay (ms): 0
      Down Delay (ms): 0
      Peer Notification Delay (ms): 0

      802.3ad info
      LACP active: on
      LACP rate: fast
      Min links: 0
      Aggregator selection policy (ad_select): stable
      System priority: 65535
      System MAC address: 52:54:00:12:34:56
      Active Aggregator Info:
      \tAggregator ID: 2
      \tNumber of ports: 1
      \tActor Key: 15
      \tPartner Key: 32785
      \tPartner Mac Address: 00:1b:17:00:01:10

      Slave Interface: eth0
      MII Status: up
      Speed: 10000 Mbps
      Duplex: full
      Link Failure Count: 0
      Permanent HW addr: 52:54:00:12:34:56
      Slave queue ID: 0
      Aggregator ID: 1
      Actor Churn State: churned
      Partner Churn State: churned
      Actor Churned Count: 3
      Partner Churned Count: 4
      details actor lacp pdu:
          system priority: 65535
          port key: 15
          port state: 69
      details partner lacp pdu:
          system priority: 65535
          oper key: 1
          port state: 1
      A line this parser has never seen
      """;

  @Test
  void theSeedsOldDriverOutputBecomesAStableDocumentWithSlavesSortedByName() throws Exception {
    String doc = BondingParser.parse("bond0", OLD_8023AD);
    assertTrue(doc.startsWith("""
        bond bond0
          driver: v3.7.1 (April 27, 2011)
          mode: IEEE 802.3ad Dynamic link aggregation
          transmit-hash-policy: layer2+3 (2)
          mii-status: up
        """), doc);
    assertTrue(doc.contains("  active-aggregator-number-of-ports: 2\n"), doc);
    assertTrue(doc.indexOf("slave eth5") < doc.indexOf("slave eth7"), doc);
    assertTrue(doc.contains("  slave eth7\n    mii-status: up\n    speed: 10000 Mbps\n    duplex: full\n"
        + "    link-failure-count: 2\n"), doc);
  }

  @Test
  void currentKernelsLacpDetailsAreKeptChurnCountersDroppedUnknownLinesKept() throws Exception {
    String doc = BondingParser.parse("bond0", NEW_8023AD);
    assertTrue(doc.contains("    actor-port-state: 69\n"), doc);
    assertTrue(doc.contains("    partner-port-state: 1\n"), doc);
    assertTrue(doc.contains("    actor-churn-state: churned\n"), doc);
    assertTrue(!doc.contains("churned-count"), doc);
    assertTrue(doc.endsWith("  other:\n    - A line this parser has never seen\n"), doc);
  }

  @Test
  void textThatIsNotBondingOutputIsAnErrorNamingTheFile() {
    StateParseException e = assertThrows(StateParseException.class,
        () -> BondingParser.parse("bond0", "cat: /proc/net/bonding/bond0: Permission denied\n"));
    assertEquals("bond0: not /proc/net/bonding output: no 'Bonding Mode:' line", e.getMessage());
  }

  @Test
  void keepalivedInstancesKeepTheirSettingsButNeverThePassword() throws Exception {
    List<KeepalivedParser.Instance> instances = KeepalivedParser.parse("""
        global_defs { router_id nat-1 }
        vrrp_instance VI_1 {   # the NAT VIP
            state MASTER
            interface bond0
            virtual_router_id 51
            priority 150
            authentication {
                auth_type PASS
                auth_pass s3cr3tpw
            }
            virtual_ipaddress {
                192.0.2.1/24 dev bond0 label bond0:1
                198.51.100.1/24
            }
        }
        """);
    assertEquals(1, instances.size());
    String doc = VrrpState.document(instances, "4: bond0    inet 192.0.2.1/24 scope global bond0\n"
        + "4: bond0    inet 198.51.100.1/24 scope global bond0\n");
    assertEquals("""
        vrrp VI_1
          interface: bond0
          vrid: 51
          configured-state: MASTER
          priority: 150
          role: MASTER
          virtual: 192.0.2.1/24 198.51.100.1/24
          auth-type: PASS
        """, doc);
    assertTrue(!doc.contains("s3cr3tpw"));
    assertTrue(VrrpState.document(instances, "4: bond0    inet 192.0.2.11/24\n").contains("role: BACKUP"));
    assertTrue(VrrpState.document(instances, "4: bond0    inet 192.0.2.1/24\n").contains("role: PARTIAL"));
    assertTrue(VrrpState.document(instances, null).contains("role: unknown"));
  }
}
