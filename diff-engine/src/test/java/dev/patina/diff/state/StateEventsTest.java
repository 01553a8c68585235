package dev.patina.diff.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateEventsTest {
  private static String bond(String eth1Status, int eth1Failures, String eth1Aggregator, String active) {
    return """
        bond bond0
          mode: IEEE 802.3ad Dynamic link aggregation
          mii-status: up
          currently-active-slave: %s
          slave eth0
            mii-status: up
            link-failure-count: 0
            aggregator-id: 1
          slave eth1
            mii-status: %s
            link-failure-count: %d
            aggregator-id: %s
        """.formatted(active, eth1Status, eth1Failures, eth1Aggregator);
  }

  private static List<String> messages(List<StateEvent> events) {
    return events.stream().map(e -> e.severity() + " " + e.message()).toList();
  }

  @Test
  void aSlaveGoingDownIsCriticalAndItsFailureCountRiseAWarning() {
    List<StateEvent> e = StateEvents.between("nat-1", "state/bonding/bond0", bond("up", 2, "1", "eth0"),
        bond("down", 3, "1", "eth0"));
    assertEquals(List.of("CRITICAL bond0 on nat-1: slave eth1 MII down",
        "WARNING bond0 on nat-1: slave eth1 link failure count 2 -> 3 (+1)"), messages(e));
  }

  @Test
  void slavesInDifferentAggregatorsMeanLacpIsNotAgreed() {
    List<String> m = messages(StateEvents.between("nat-1", "state/bonding/bond0", bond("up", 0, "1", "eth0"),
        bond("up", 0, "2", "eth0")));
    assertEquals(List.of("CRITICAL bond0 on nat-1: slaves in different aggregators (eth0 in 1, eth1 in 2): "
        + "LACP is not agreed with the partner on every link"), m);
  }

  @Test
  void activeSlaveChangesAndSlavesAddedOrRemovedAreNamed() {
    String without = bond("up", 0, "1", "eth1").replaceAll("(?s)  slave eth1.*", "");
    List<String> m = messages(StateEvents.between("nat-1", "state/bonding/bond0", bond("up", 0, "1", "eth0"), without));
    assertEquals(List.of("WARNING bond0 on nat-1: active slave changed from eth0 to eth1",
        "CRITICAL bond0 on nat-1: slave eth1 removed"), m);
  }

  @Test
  void aNewBondWithNoHistoryGivesNoEvents() {
    assertEquals(List.of(), StateEvents.between("nat-1", "state/bonding/bond0", null, bond("up", 5, "1", "eth0")));
  }

  private static String vrrp(String role, String priority) {
    return "vrrp VI_1\n  interface: bond0\n  vrid: 51\n  priority: " + priority + "\n  role: " + role
        + "\n  virtual: 192.0.2.1/24\n  auth-type: PASS\n";
  }

  @Test
  void aVrrpRoleFlipIsCriticalAndAPriorityChangeAWarning() {
    assertEquals(List.of("CRITICAL VRRP VI_1 on nat-2: BACKUP -> MASTER", "WARNING VRRP VI_1 on nat-2: priority 100 -> 90"),
        messages(StateEvents.between("nat-2", "state/vrrp", vrrp("BACKUP", "100"), vrrp("MASTER", "90"))));
  }

  @Test
  void acrossDevicesTwoMastersOrNoMasterForOneVridIsCritical() {
    assertEquals(List.of("CRITICAL VRID 51 (192.0.2.1) has 2 masters: nat-1, nat-2"),
        messages(StateEvents.acrossDevices(Map.of("nat-1", vrrp("MASTER", "150"), "nat-2", vrrp("MASTER", "100")))));
    assertEquals(List.of("CRITICAL VRID 51 (192.0.2.1) has no master: nat-1, nat-2 are all BACKUP"),
        messages(StateEvents.acrossDevices(Map.of("nat-1", vrrp("BACKUP", "150"), "nat-2", vrrp("BACKUP", "100")))));
    assertEquals(List.of(), StateEvents.acrossDevices(Map.of("nat-1", vrrp("MASTER", "150"), "nat-2", vrrp("BACKUP", "100"))));
    assertEquals(List.of(), StateEvents.acrossDevices(Map.of("nat-1", vrrp("BACKUP", "150"))),
        "a lone backup may have its peer outside the inventory");
  }

  @Test
  void clearTextVrrpAuthenticationIsAFinding() {
    List<String> f = StateEvents.findings("nat-1", vrrp("MASTER", "150"));
    assertEquals(1, f.size());
    assertTrue(f.get(0).startsWith("VRRP VI_1 on nat-1 uses auth_type PASS"), f.get(0));
    assertEquals(List.of(), StateEvents.findings("nat-1", vrrp("MASTER", "150").replace("PASS", "none")));
  }
}
