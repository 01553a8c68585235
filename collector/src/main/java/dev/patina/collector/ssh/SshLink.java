package dev.patina.collector.ssh;

import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.HostKeyStore;
import dev.patina.inventory.Device;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/** One authenticated SSH connection to a device (sshj): exec, shell and SFTP channels over it. */
public final class SshLink implements AutoCloseable {
  /** Algorithm lists are built once and shared by every connection (sshj configs are read-only in use). */
  private static final DefaultConfig MODERN = config(false);

  /** Made on first use: most fleets have no legacy-ssh device, and sshj's config tries every cipher once. */
  private static final class Legacy {
    static final DefaultConfig CONFIG = config(true);
  }

  private final SSHClient client;
  private final Device target;
  private final Duration commandTimeout;
  private long maxReplyBytes = ShellSession.DEFAULT_MAX_REPLY_MIB * 1024 * 1024;

  private SshLink(SSHClient client, Device target, Duration commandTimeout) {
    this.client = client;
    this.target = target;
    this.commandTimeout = commandTimeout;
  }

  /** Connects, checks the host key against {@code hostKeys} and logs in; failures are typed. */
  public static SshLink open(Device t, HostKeyStore hostKeys, Duration connect, Duration command)
      throws CollectException {
    SSHClient client = new SSHClient(t.legacySsh() ? Legacy.CONFIG : MODERN);
    Verifier verifier = new Verifier(hostKeys);
    client.addHostKeyVerifier(verifier);
    client.setConnectTimeout((int) connect.toMillis());
    client.setTimeout((int) Math.max(command.toMillis(), connect.toMillis()));
    client.getTransport().setTimeoutMs((int) Math.max(command.toMillis(), connect.toMillis()));
    try {
      client.connect(t.host(), t.port());
    } catch (UnknownHostException e) {
      close(client);
      throw new CollectException(FailureKind.CONNECT, t.where() + ": unknown host " + t.host() + "; check the device's host");
    } catch (ConnectException | SocketTimeoutException e) {
      close(client);
      throw new CollectException(FailureKind.CONNECT, t.where() + ": cannot connect: " + e.getMessage()
          + "; check the host, the port and that SSH is enabled");
    } catch (IOException e) {
      close(client);
      if (verifier.changed != null) {
        throw new CollectException(FailureKind.HOST_KEY_CHANGED, "host key for " + t.where() + " changed: expected "
            + verifier.changed.expected() + ", got " + verifier.changed.got()
            + "; if the device was replaced, run: patina hostkey forget " + t.name());
      }
      if (verifier.storeFailure != null) {
        throw new CollectException(FailureKind.CONNECT, t.where() + ": cannot record its host key in "
            + hostKeys.file() + ": " + verifier.storeFailure.getMessage());
      }
      String hint = t.legacySsh() ? "" : "; if it is an old device, set legacy-ssh: true for it in devices.yaml";
      throw new CollectException(FailureKind.PROTOCOL, t.where() + ": SSH handshake failed: "
          + e.getMessage() + hint, e);
    } catch (IllegalStateException e) {
      // sshj's "Not connected": the device dropped the connection before key exchange began,
      // as one does that shares no algorithm with us
      close(client);
      String hint = t.legacySsh() ? "" : "; if it is an old device, set legacy-ssh: true for it in devices.yaml";
      throw new CollectException(FailureKind.PROTOCOL, t.where() + ": SSH handshake failed: the device closed "
          + "the connection before key exchange" + hint, e);
    }
    // No SSH keep-alive: the session's silence limits and each device's hard time limit find a
    // dead connection, and sshj's keep-alive would cost a platform thread a connection
    try {
      client.auth(t.username(), methods(client, t));
    } catch (UserAuthException e) {
      close(client);
      throw new CollectException(FailureKind.AUTH, t.where() + ": login as \"" + t.username()
          + "\" refused; check the username, password or key in devices.yaml");
    } catch (IOException e) {
      close(client);
      throw new CollectException(FailureKind.DISCONNECTED, t.where() + ": connection lost during login: "
          + e.getMessage());
    }
    return new SshLink(client, t, command);
  }

  private static DefaultConfig config(boolean legacy) {
    SshCrypto.install();
    return LegacyAlgorithms.config(legacy);
  }

  private static List<AuthMethod> methods(SSHClient client, Device t) throws CollectException {
    List<AuthMethod> methods = new ArrayList<>();
    String password = t.password() == null ? null : t.password().value();
    if (t.privateKey() != null) {
      try {
        methods.add(new AuthPublickey(password == null
            ? client.loadKeys(t.privateKey().toString())
            : client.loadKeys(t.privateKey().toString(), password)));
      } catch (IOException e) {
        throw new CollectException(FailureKind.AUTH, t.where() + ": cannot read private key "
            + t.privateKey() + ": " + e.getMessage());
      }
    }
    if (password != null) {
      methods.add(new AuthPassword(PasswordUtils.createOneOff(password.toCharArray())));
      methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(
          PasswordUtils.createOneOff(password.toCharArray()))));
    }
    if (methods.isEmpty()) {
      throw new CollectException(FailureKind.AUTH, t.where() + ": no password or private key given; add one in devices.yaml");
    }
    return methods;
  }

  /** Limits each later reply (shell command or exec) to {@code bytes} bytes. */
  public void maxReplyBytes(long bytes) {
    this.maxReplyBytes = bytes;
  }

  /** An interactive shell on a wide pseudo-terminal (512 columns, no paging by rows). */
  public ShellSession shell(ShellSession.Settings settings) throws CollectException {
    try {
      OutputPump pump = new OutputPump(false);
      ShellChannel channel = new ShellChannel(client.getConnection(), client.getRemoteCharset(), pump);
      channel.open();
      channel.allocatePTY("vt100", 512, 1000, 0, 0, java.util.Map.of());
      ShellSession s = new ShellSession(channel, channel.startShell(), pump, settings, target, commandTimeout);
      s.maxReplyBytes(maxReplyBytes);
      return s;
    } catch (IOException e) {
      throw new CollectException(FailureKind.DISCONNECTED, target.where() + ": cannot open a shell: " + e.getMessage(), e);
    }
  }

  /** Runs one command on its own channel and returns its output (terminal codes removed). */
  public String exec(String command) throws CollectException {
    try (Session session = client.startSession()) {
      Session.Command cmd = session.exec(command);
      OutputPump out = OutputPump.reading(cmd.getInputStream(), target.name(), true);
      OutputPump err = OutputPump.reading(cmd.getErrorStream(), target.name() + "-err", true);
      out.startReply(maxReplyBytes);
      err.startReply(maxReplyBytes);
      OutputPump.End end = out.await(t -> false, commandTimeout);
      if (end == OutputPump.End.TOO_BIG) {
        throw ShellSession.tooBig(target.where(), command, maxReplyBytes);
      }
      if (end == OutputPump.End.IDLE) {
        throw new CollectException(FailureKind.TIMEOUT, target.where() + ": no output for "
            + commandTimeout.toSeconds() + " s from \"" + command + "\" after " + out.bytes() + " bytes");
      }
      cmd.join(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
      err.await(t -> false, Duration.ofSeconds(2));
      Integer status = cmd.getExitStatus();
      if (status == null && (out.failure() != null || !client.isConnected())) {
        throw new CollectException(FailureKind.DISCONNECTED, target.where() + ": connection closed after "
            + String.format("%,d", out.bytes()) + " bytes of \"" + command + "\"");
      }
      if (status != null && status != 0) {
        throw new CollectException(FailureKind.COMMAND_FAILED, target.where() + ": \"" + command
            + "\" failed with exit status " + status + ": " + firstLine(err.raw() + out.raw()));
      }
      return String.join("\n", TerminalText.render(out.raw()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(FailureKind.TIMEOUT, target.where() + ": interrupted during \"" + command + "\"");
    } catch (IOException e) {
      throw new CollectException(FailureKind.DISCONNECTED, target.where() + ": connection lost during \""
          + command + "\": " + e.getMessage(), e);
    }
  }

  /** An SFTP client over this connection (the caller closes it). */
  public SFTPClient sftp() throws IOException {
    return client.newSFTPClient();
  }

  /** The sshj client, for SCP and other transports. */
  public SSHClient client() {
    return client;
  }

  private static String firstLine(String text) {
    String s = text.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  @Override
  public void close() {
    close(client);
  }

  private static void close(SSHClient client) {
    try {
      client.disconnect();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
  }

  /** Checks host keys with the store and remembers why it refused one. */
  private static final class Verifier implements HostKeyVerifier {
    private final HostKeyStore store;
    volatile HostKeyStore.Changed changed;
    volatile IOException storeFailure;

    Verifier(HostKeyStore store) {
      this.store = store;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
      try {
        HostKeyStore.Verdict v = store.check(hostname, port, key);
        if (v instanceof HostKeyStore.Changed c) {
          changed = c;
          return false;
        }
        return true;
      } catch (IOException e) {
        storeFailure = e;
        return false;
      }
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
      return List.of();
    }
  }
}
