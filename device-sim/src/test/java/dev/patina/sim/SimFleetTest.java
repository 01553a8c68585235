package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimFleetTest {

  @Test
  void fiftyDevicesOnTheirOwnPortsAllAnswer() throws Exception {
    Capture ios = Captures.load("ios#C9200L");
    int threadsBefore = Thread.getAllStackTraces().size();
    try (SimFleet fleet = SimFleet.start(50, i -> {
      SimDevice device = SimDevice.replay(ios);
      device.setReply("show clock", "show clock\ndevice " + i + "\nLAB-SW123_9200L#");
      return device;
    })) {
      assertEquals(50, fleet.size());
      int added = Thread.getAllStackTraces().size() - threadsBefore;
      assertTrue(added < 20, "50 devices share their IO threads, but " + added + " threads started");
      Set<Integer> ports = new HashSet<>();
      for (int i = 0; i < fleet.size(); i++) {
        SimDevice device = fleet.device(i);
        ports.add(device.port());
        try (SshTestClient client = SshTestClient.connect(device)) {
          assertEquals("device " + i + "\n", client.exec("show clock").out());
        }
      }
      assertEquals(50, ports.size(), "each device has its own port");
      try (SshTestClient client = SshTestClient.connect(fleet.device(7))) {
        SshTestClient.Shell shell = client.shell();
        assertTrue(shell.out().awaitText("LAB-SW123_9200L#", java.time.Duration.ofSeconds(20)));
      }
    }
  }
}
