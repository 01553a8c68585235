package dev.patina.sim.os;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshdTest {
  @Test
  void aRealSshdOnLoopbackRunsACommandForTheKeyItAuthorised(@TempDir Path dir) throws Exception {
    try (OpenSshd sshd = OpenSshd.start(dir, List.of());
        SSHClient ssh = new SSHClient()) {
      ssh.addHostKeyVerifier(new PromiscuousVerifier());
      ssh.connect(sshd.host(), sshd.port());
      ssh.authPublickey(OpenSshd.user(), sshd.clientKey().toString());
      try (Session session = ssh.startSession()) {
        Session.Command cmd = session.exec("echo patina-$((40+2))");
        String out = new String(cmd.getInputStream().readAllBytes()).trim();
        cmd.join();
        assertEquals("patina-42", out, "sshd log:\n" + sshd.log());
      }
    }
  }
}
