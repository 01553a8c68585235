package dev.patina.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * One simulated device on its own loopback port (MINA SSHD, 127.0.0.1, port 0 by default).
 *
 * <p>Configure (credentials, authorized key) before {@link #start()}; change replies, faults
 * and the host key at any time: they apply from the next session or the next output.
 */
public final class SimDevice implements AutoCloseable {
  /** The host-key algorithm of simulated devices ({@code ssh-rsa} with {@link #legacySsh()}). */
  public static final String HOST_KEY_TYPE = KeyPairProvider.SSH_ED25519;
  private static final String HOST = "127.0.0.1";

  private final Replies replies;
  private final Path root;
  private final LinuxCommands linux;
  private final ServedFiles files;
  private final Faults faults = new Faults();
  private volatile boolean legacy;
  private volatile KeyPair hostKey = generateHostKey(false);
  private volatile PublicKey authorizedKey;
  private volatile int pageLines;
  private volatile boolean wrap;
  private final Journal journal = new Journal();
  private volatile ClientProcesses clients;
  private String username = "patina";
  private String password = "patina";
  private SharedIo sharedIo;
  private SshServer server;

  private SimDevice(Replies replies, Path root) {
    this.replies = replies;
    this.root = root;
    this.linux = root == null ? null : new LinuxCommands(root);
    this.files = replies == null ? null : new ServedFiles(replies);
  }

  /** A device that replays a recorded session over shell and exec channels. */
  public static SimDevice replay(Capture capture) {
    return new SimDevice(new Replies(Objects.requireNonNull(capture, "capture")), null);
  }

  /**
   * A Linux host whose file system is the folder {@code root}: exec ({@code cat}, {@code ls},
   * {@code test}, {@code hostname}, {@code uname}...), SFTP and SCP over the same files.
   */
  public static SimDevice linuxHost(Path root) {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(root
          + " is not a folder; a Linux host needs a root folder");
    }
    return new SimDevice(null, dir);
  }

  /** Sets the login (default patina/patina); call before {@link #start()}. */
  public SimDevice credentials(String username, String password) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    return this;
  }

  /**
   * The password a recorded {@code Password:} step (enable) accepts; a wrong one gets
   * "% Access denied" and the previous prompt. Null (default) accepts any password.
   */
  public SimDevice enablePassword(String password) {
    requireReplay().enablePassword(password);
    return this;
  }

  /**
   * Pages shell replies longer than {@code lines} lines at the vendor's "more" prompt until the
   * session turns paging off (as {@code terminal length 0} does); 0 (default) never pages.
   * Applies to new sessions.
   */
  public SimDevice pager(int lines) {
    if (lines < 0) {
      throw new IllegalArgumentException("lines must be >= 0, not " + lines);
    }
    requireReplay();
    this.pageLines = lines;
    return this;
  }

  /**
   * Breaks shell reply lines wider than the session's pseudo-terminal (80 columns without one),
   * as devices that honour the terminal width do. Applies to new sessions.
   */
  public SimDevice wrapToTerminalWidth() {
    requireReplay();
    this.wrap = true;
    return this;
  }

  /** Also accepts public-key login with this key (null: password only). */
  public SimDevice authorizedKey(PublicKey key) {
    this.authorizedKey = key;
    return this;
  }

  /**
   * Offers only what old switches speak: an ssh-rsa (SHA-1) host key, diffie-hellman-group14-sha1
   * and group1-sha1 key exchange, CBC ciphers and hmac-sha1. Call before {@link #start()}.
   */
  public SimDevice legacySsh() {
    legacy = true;
    hostKey = generateHostKey(true);
    return this;
  }

  /** Shares a fleet's IO threads instead of starting this device's own. */
  SimDevice sharedIo(SharedIo io) {
    this.sharedIo = io;
    return this;
  }

  /**
   * Records which local process opens each session ({@link #clientProcesses()}), for tests where
   * several clients on this host must be told apart. Linux only; call before {@link #start()}.
   */
  public SimDevice recordClientProcesses() {
    clients = new ClientProcesses();
    return this;
  }

  /** The PID of the client process of each session so far (-1 where it could not be traced). */
  public List<Long> clientProcesses() {
    ClientProcesses c = clients;
    if (c == null) throw new IllegalStateException("call recordClientProcesses() before start()");
    return c.snapshot();
  }

  /** Starts listening on a free loopback port. */
  public SimDevice start() throws IOException {
    return start(0);
  }

  /** Starts listening on loopback {@code port} (0: any free port). */
  public synchronized SimDevice start(int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("device already started on port " + port());
    }
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(HOST);
    sshd.setPort(port);
    if (sharedIo != null) {
      sharedIo.apply(sshd);
    }
    sshd.setKeyPairProvider(session -> List.of(hostKey));
    if (clients != null) sshd.addSessionListener(clients);
    if (legacy) {
      LegacySsh.apply(sshd);
    }
    String user = username;
    String pass = password;
    sshd.setPasswordAuthenticator((u, p, session) -> user.equals(u) && pass.equals(p));
    sshd.setPublickeyAuthenticator((u, key, session) -> user.equals(u) && authorizedKey != null
        && KeyUtils.compareKeys(authorizedKey, key));
    if (replies != null) {
      sshd.setShellFactory(channel -> new ReplayShell(replies, faults, pageLines, wrap,
          journal));
      sshd.setCommandFactory(new ScpCommandFactory.Builder()
          .withDelegate((channel, command) -> new ReplayExec(replies, faults, command, journal))
          .build());
      sshd.setFileSystemFactory(files);
      sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    } else {
      LinuxHost.configure(sshd, root, linux, faults, journal);
    }
    try {
      sshd.start();
    } catch (IOException e) {
      sshd.stop(true);
      throw new IOException("cannot listen on " + HOST + ":" + port + ": " + e.getMessage()
          + "; choose another port, or 0 for any free one", e);
    }
    server = sshd;
    return this;
  }

  /** The loopback address the device listens on. */
  public String host() {
    return HOST;
  }

  /** The listening port (after {@link #start()}). */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("device not started; call start() first");
    }
    return server.getPort();
  }

  /** The login user name. */
  public String username() {
    return username;
  }

  /** The login password. */
  public String password() {
    return password;
  }

  /** The recorded vendor ("ios", "junos", ...) or "linux". */
  public String vendor() {
    return replies != null ? replies.vendor() : "linux";
  }

  /**
   * Replaces {@code from} by {@code to} in every reply (a config change between runs); on a
   * Linux host, in the replies set with {@link #setReply} (change files below root instead).
   */
  public void replaceInReplies(String from, String to) {
    if (linux != null) {
      linux.replaceInCanned(from, to);
    } else {
      replies.replace(from, to);
      files.replace(from, to);
    }
  }

  /**
   * Sets the reply to {@code command} (terminator optional), adding it if not recorded. On a
   * Linux host: the standard output of that exact exec command line (status 0), for commands
   * such as {@code ip -d link show} that have no file to read.
   */
  public void setReply(String command, String text) {
    if (linux != null) {
      linux.setCanned(Terminal.stripTerminator(command).strip(), text);
    } else {
      replies.set(command, text);
    }
  }

  /** Injects a fault into every session's output from its next byte; {@link Fault#none()} ends. */
  public void fault(Fault f) {
    faults.set(f);
  }

  /**
   * Serves {@code content} at {@code path} (relative to the login folder, e.g.
   * {@code cfg/running-config}) over SCP and SFTP. A ProCurve recording serves
   * {@code cfg/running-config} and {@code cfg/startup-config} by itself: its current
   * {@code show running-config} reply as the switch's plain configuration file.
   */
  public void serveFile(String path, String content) {
    requireReplay();
    files.put(path, content);
  }

  /** Everything received so far (shell lines, keys, exec commands), in order, all sessions. */
  public List<Received> received() {
    return journal.snapshot();
  }

  /** Forgets what was received. */
  public void clearReceived() {
    journal.clear();
  }

  /** Replaces the host key (a changed or spoofed device); applies to new sessions. */
  public void newHostKey() {
    hostKey = generateHostKey(legacy);
  }

  /** The current host key. */
  public PublicKey hostKey() {
    return hostKey.getPublic();
  }

  @Override
  public synchronized void close() throws IOException {
    if (server != null) {
      server.stop(true);
      server = null;
    }
    if (files != null) {
      files.close();
    }
  }

  @Override
  public String toString() {
    return "SimDevice[" + vendor() + " " + HOST + ":" + (server == null ? "-" : port()) + "]";
  }

  private Replies requireReplay() {
    if (replies == null) {
      throw new IllegalStateException("a Linux host (" + root + ") has no CLI shell: enable"
          + " passwords, pagers and wrapping apply to replayed devices only");
    }
    return replies;
  }

  private static KeyPair generateHostKey(boolean rsa) {
    String type = rsa ? KeyPairProvider.SSH_RSA : HOST_KEY_TYPE;
    try {
      return KeyUtils.generateKeyPair(type, rsa ? 2048 : 256);
    } catch (GeneralSecurityException e) {
      throw new UncheckedIOException(new IOException(
          "cannot generate a " + type + " host key: " + e, e));
    }
  }
}
