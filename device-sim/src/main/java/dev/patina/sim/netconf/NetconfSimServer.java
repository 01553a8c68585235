package dev.patina.sim.netconf;

import java.io.IOException;
import java.util.List;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * A bare MINA SSHD server on 127.0.0.1 (port 0) offering only the simulated {@code netconf}
 * subsystem, with password login {@code patina}/{@code patina}; for NETCONF client tests.
 */
public final class NetconfSimServer implements AutoCloseable {
  public static final String USER = "patina";
  public static final String PASSWORD = "patina";

  private final SshServer sshd;
  private final NetconfSubsystemFactory netconf;

  private NetconfSimServer(SshServer sshd, NetconfSubsystemFactory netconf) {
    this.sshd = sshd;
    this.netconf = netconf;
  }

  /** Starts serving {@code netconf} on a free loopback port. */
  public static NetconfSimServer start(NetconfSubsystemFactory netconf) throws IOException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
    sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sshd.setSubsystemFactories(List.of(netconf));
    sshd.start();
    return new NetconfSimServer(sshd, netconf);
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return sshd.getPort();
  }

  public NetconfSubsystemFactory netconf() {
    return netconf;
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }
}
