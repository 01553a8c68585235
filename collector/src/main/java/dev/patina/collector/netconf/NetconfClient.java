package dev.patina.collector.netconf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/** Opens NETCONF sessions on sshj: the SSH {@code netconf} subsystem (RFC 6242). */
public final class NetconfClient {
  private NetconfClient() {}

  /**
   * Connects, verifies the host key, logs in (key first, then password) and exchanges hellos.
   * Closing the returned session disconnects. SSH failures surface as sshj's exceptions
   * ({@code UserAuthException}, {@code TransportException} for a refused host key, ...).
   */
  public static NetconfSession connect(String host, int port, NetconfLogin login, HostKeyVerifier verifier,
      NetconfOptions options) throws IOException {
    dev.patina.collector.ssh.SshCrypto.install();
    SSHClient ssh = new SSHClient();
    try {
      int connectMs = (int) Math.min(Integer.MAX_VALUE, options.connect().toMillis());
      ssh.setConnectTimeout(connectMs);
      ssh.getTransport().setTimeoutMs(connectMs);
      ssh.getConnection().setTimeoutMs(connectMs);
      ssh.addHostKeyVerifier(verifier);
      ssh.connect(host, port);
      List<AuthMethod> methods = new ArrayList<>();
      if (login.privateKey() != null) methods.add(new AuthPublickey(ssh.loadKeys(login.privateKey().toString())));
      if (login.password() != null) {
        methods.add(new AuthPassword(PasswordUtils.createOneOff(login.password().toCharArray())));
      }
      ssh.auth(login.username(), methods);
      Session session = ssh.startSession();
      Session.Subsystem subsystem = session.startSubsystem("netconf");
      return NetconfSession.open(subsystem.getInputStream(), subsystem.getOutputStream(), ssh::disconnect,
          peer(host, port), options);
    } catch (IOException | RuntimeException e) {
      try {
        ssh.disconnect();
      } catch (IOException | RuntimeException ignored) {
        // already failing
      }
      throw e;
    }
  }

  /**
   * Opens the {@code netconf} subsystem on an SSH client the caller has already connected and
   * authenticated (e.g. with the collector's host key store and algorithms). Closing the
   * session closes only its channel, not {@code ssh}.
   */
  public static NetconfSession open(SSHClient ssh, NetconfOptions options) throws IOException {
    Session session = ssh.startSession();
    Session.Subsystem subsystem;
    try {
      subsystem = session.startSubsystem("netconf");
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
    String peer = peer(ssh.getRemoteHostname(), ssh.getRemotePort());
    return NetconfSession.open(subsystem.getInputStream(), subsystem.getOutputStream(), session, peer, options);
  }

  static String peer(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
