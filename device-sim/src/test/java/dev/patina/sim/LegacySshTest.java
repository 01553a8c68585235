package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.kex.Curve25519SHA256;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;

class LegacySshTest {

  @Test
  void aLegacyDeviceSpeaksOnlySha1KeyExchangeCbcAndAnRsaHostKey() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("procurve#")).legacySsh().start()) {
      assertEquals("RSA", device.hostKey().getAlgorithm());
      try (SshTestClient client = SshTestClient.connect(device)) {
        assertTrue(client.ssh.isAuthenticated(), "a client that still allows legacy algorithms");
      }
      DefaultConfig modern = new DefaultConfig();
      modern.setKeyExchangeFactories(List.of(new Curve25519SHA256.Factory()));
      try (SSHClient ssh = new SSHClient(modern)) {
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        assertRefused(ssh, device);
      }
      device.newHostKey();
      assertEquals("RSA", device.hostKey().getAlgorithm(), "a new key keeps the legacy type");
    }
  }

  @Test
  void aModernDeviceRefusesSha1KeyExchange() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("ios#C9200L")).start()) {
      DefaultConfig old = new DefaultConfig();
      old.setKeyExchangeFactories(List.of(new net.schmizz.sshj.transport.kex.DHG1.Factory()));
      try (SSHClient ssh = new SSHClient(old)) {
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        assertRefused(ssh, device);
      }
    }
  }

  /**
   * The handshake fails: sshj reports it as a TransportException, or, when the device has
   * already dropped the connection by the time sshj starts its key exchange, as "Not connected".
   */
  private static void assertRefused(SSHClient ssh, SimDevice device) {
    Exception e = assertThrows(Exception.class, () -> ssh.connect(device.host(), device.port()));
    org.junit.jupiter.api.Assertions.assertTrue(e instanceof TransportException
        || (e instanceof IllegalStateException && "Not connected".equals(e.getMessage())), e.toString());
    org.junit.jupiter.api.Assertions.assertFalse(ssh.isAuthenticated());
  }
}
