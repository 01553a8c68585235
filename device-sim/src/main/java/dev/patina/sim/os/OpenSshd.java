package dev.patina.sim.os;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} from Debian on a loopback port, for system tests: its own host
 * key, config and client key pair in a work folder; key authentication for the current user.
 * Stopped by PID on {@link #close()}.
 */
public final class OpenSshd implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;

  private OpenSshd(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts sshd in {@code dir} with extra {@code sshd_config} lines (for example
   * {@code "Subsystem netconf /usr/sbin/netconf-subsystem"}). Skips or fails the calling test
   * (see {@link SystemProgram}) when sshd or ssh-keygen is not installed.
   */
  public static OpenSshd start(Path dir, List<String> extraConfig) throws IOException {
    Path sshd = SystemProgram.need("sshd", "openssh-server");
    Path keygen = SystemProgram.need("ssh-keygen", "openssh-client");
    Files.createDirectories(dir);
    // sshd refuses to start without its privilege separation directory
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep)) {
      try {
        Files.createDirectories(privsep);
      } catch (IOException e) {
        throw new IOException("sshd needs " + privsep + " and it cannot be created: " + e.getMessage(), e);
      }
    }
    keygen(keygen, dir.resolve("host_ed25519"));
    keygen(keygen, dir.resolve("client_ed25519"));
    Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path config = dir.resolve("sshd_config");
      List<String> lines = new ArrayList<>(List.of(
          "Port " + port,
          "ListenAddress 127.0.0.1",
          "HostKey " + dir.resolve("host_ed25519"),
          "PidFile " + dir.resolve("sshd.pid"),
          "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
          "StrictModes no",
          "UsePAM no",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "PubkeyAuthentication yes",
          "PermitRootLogin prohibit-password",
          "AllowUsers " + user(),
          "Subsystem sftp internal-sftp",
          "LogLevel VERBOSE"));
      lines.addAll(extraConfig);
      Files.write(config, lines, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("sshd.log").toFile())
          .start();
      try {
        awaitBanner(p, port, Duration.ofSeconds(10));
        return new OpenSshd(dir, p, port);
      } catch (IOException e) {
        p.destroyForcibly();
        last = new IOException(e.getMessage() + "; sshd.log: " + Files.readString(dir.resolve("sshd.log")), e);
      }
    }
    throw last;
  }

  private static void keygen(Path keygen, Path file) throws IOException {
    if (Files.exists(file)) return;
    Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "patina-test",
        "-f", file.toString()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("ssh-keygen failed for " + file + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running ssh-keygen", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** Waits until sshd answers with its version banner, or the process dies, or time runs out. */
  private static void awaitBanner(Process p, int port, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) throw new IOException("sshd exited with status " + p.exitValue());
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        s.setSoTimeout(2000);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64];
        int n = in.read(buf);
        if (n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("SSH-2.0-")) return;
      } catch (IOException notYet) {
        try {
          p.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for sshd", e);
        }
      }
    }
    throw new IOException("sshd did not answer on 127.0.0.1:" + port + " within " + limit.toSeconds() + " s");
  }

  /** The user sshd lets in (the one running the tests). */
  public static String user() {
    return System.getProperty("user.name");
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The client private key (OpenSSH format, no passphrase) authorised for {@link #user()}. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  /** The server's public host key line ({@code ssh-ed25519 AAAA... comment}). */
  public String hostKeyLine() throws IOException {
    return Files.readString(dir.resolve("host_ed25519.pub")).trim();
  }

  /** sshd's own log, for assertion messages. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
