package dev.patina.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** An sshj client logged in to a simulated device, for tests. */
final class SshTestClient implements AutoCloseable {
  final SSHClient ssh = new SSHClient();

  /** Connects trusting only {@code trusted} (null: any host key) and logs in with the device's password. */
  static SshTestClient connect(SimDevice device, PublicKey trusted) throws IOException {
    SshTestClient client = new SshTestClient();
    if (trusted == null) {
      client.ssh.addHostKeyVerifier(new PromiscuousVerifier());
    } else {
      client.ssh.addHostKeyVerifier(net.schmizz.sshj.common.SecurityUtils.getFingerprint(trusted));
    }
    client.ssh.setConnectTimeout(10_000);
    client.ssh.setTimeout(20_000);
    try {
      client.ssh.connect(device.host(), device.port());
      client.ssh.authPassword(device.username(), device.password());
    } catch (IOException e) {
      client.close();
      throw e;
    }
    return client;
  }

  static SshTestClient connect(SimDevice device) throws IOException {
    return connect(device, device.hostKey());
  }

  /** An interactive shell with a pseudo-terminal. */
  Shell shell() throws IOException {
    Session session = ssh.startSession();
    session.allocateDefaultPTY();
    Session.Shell shell = session.startShell();
    return new Shell(session, shell.getOutputStream(), new StreamCollector(shell.getInputStream()));
  }

  /** Runs one exec request to its end. */
  Exec exec(String command) throws IOException {
    try (Session session = ssh.startSession()) {
      Session.Command cmd = session.exec(command);
      String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(cmd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      cmd.join(10, TimeUnit.SECONDS);
      return new Exec(out, err, cmd.getExitStatus());
    }
  }

  @Override
  public void close() throws IOException {
    ssh.close();
  }

  /** What an exec request returned. */
  record Exec(String out, String err, Integer status) {}

  /** A running shell: send lines, read what came back. */
  record Shell(Session session, OutputStream in, StreamCollector out) {
    void send(String text) throws IOException {
      in.write(text.getBytes(StandardCharsets.UTF_8));
      in.flush();
    }
  }
}
