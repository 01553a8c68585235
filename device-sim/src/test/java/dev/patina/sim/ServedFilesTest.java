package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedFilesTest {

  @Test
  void aProcurveServesItsRunningConfigOverScpAsAPlainFile(@TempDir Path local) throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("procurve#")).start();
        SshTestClient client = SshTestClient.connect(device)) {
      Path copy = local.resolve("running-config");
      client.ssh.newSCPFileTransfer().download("cfg/running-config", copy.toString());
      String config = Files.readString(copy);
      assertTrue(config.startsWith("; JL322A Configuration Editor; Created on release #WC.16.11.0028\n"
          + "; Ver #14:"), config);
      assertTrue(config.contains("\nhostname \"XXXXXXXXX\"\nmodule 1 type jl322a\n"));
      assertTrue(config.contains("\n \"1111111111111111111111111111111111111111\"\n"
          + "time daylight-time-rule continental-us-and-canada\n"));
      assertTrue(config.endsWith("\nactivate software-update disable\nactivate provision disable\n"));
      assertFalse(config.contains("\u001b") || config.contains("\r"));

      device.replaceInReplies("time timezone -480", "time timezone 60");
      client.ssh.newSCPFileTransfer().download("/cfg/running-config", copy.toString());
      assertTrue(Files.readString(copy).contains("\ntime timezone 60\n"), "the next copy shows the change");
    }
  }

  @Test
  void anyReplayedDeviceCanServeAFileOverSftp() throws Exception {
    try (SimDevice device = SimDevice.replay(Captures.load("ios#C9200L")).start();
        SshTestClient client = SshTestClient.connect(device)) {
      device.serveFile("flash/config.text", "hostname R1\nend\n");
      try (SFTPClient sftp = client.ssh.newSFTPClient();
          RemoteFile file = sftp.open("flash/config.text");
          InputStream in = file.new RemoteFileInputStream()) {
        assertEquals("hostname R1\nend\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertTrue(client.exec("show version").out().startsWith("Cisco IOS XE Software"),
          "exec still replays next to SCP");
    }
  }
}
