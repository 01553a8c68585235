package dev.patina.sim.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian, started by a test: {@code initdb} into its own folder,
 * {@code pg_ctl start} on a free loopback port with its unix socket in that folder, and stopped
 * by PID on {@link #close()}. When the tests run as root (as CI does) the server runs as
 * {@code nobody}, because initdb refuses root. Skips the test when PostgreSQL is not installed,
 * or fails it when {@code PATINA_SYSTEM_TESTS=required}.
 *
 * <p>The superuser is {@value #USER} with the password {@value #PASSWORD}; TCP logins check the
 * password (scram-sha-256), socket logins are trusted.
 */
public final class Postgres implements AutoCloseable {
  public static final String USER = "patina";
  public static final String PASSWORD = "patina-test-pw";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  private final Path dir;
  private final int port;
  private volatile long pid;

  private Postgres(Path dir, int port, long pid) {
    this.dir = dir;
    this.port = port;
    this.pid = pid;
  }

  /** The newest Debian PostgreSQL's bin folder ({@code /usr/lib/postgresql/15/bin}), if installed. */
  public static Optional<Path> binaries() {
    if (!Files.isDirectory(DEBIAN_ROOT)) return Optional.empty();
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(Postgres::major));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Starts a fresh server in a new folder below {@code java.io.tmpdir} (the JUnit temp folder is
   * closed to other users, so it cannot be used when the server runs as nobody). Returns once it
   * accepts connections.
   */
  public static Postgres start() throws IOException, InterruptedException {
    Optional<Path> bin = binaries();
    SystemProgram.needCapability(bin.isPresent(),
        "PostgreSQL is not installed (Debian package postgresql, /usr/lib/postgresql/<version>/bin; "
            + ".ci/run installs it with apt-get)");
    boolean root = isRoot();
    if (root) SystemProgram.need("runuser", "util-linux");
    Path dir = Files.createTempDirectory("patina-pg-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    try {
      Path data = dir.resolve("data");
      Path pwfile = dir.resolve("pwfile");
      Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
      if (root) {
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(dir, nobody);
        Files.setOwner(pwfile, nobody);
      }
      run(root, dir, List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
          "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
          "--locale=C", "--no-sync"), Duration.INITDB);
      int port = freePort();
      Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
          "", "# written by the Patina test harness",
          "port = " + port,
          "listen_addresses = '127.0.0.1'",
          "unix_socket_directories = '" + dir + "'",
          "fsync = off",
          "synchronous_commit = off",
          "full_page_writes = off",
          "max_connections = 60",
          "shared_buffers = 16MB",
          "logging_collector = off",
          ""), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
      run(root, dir, List.of(bin.get().resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
          dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), Duration.START);
      List<String> pidFile = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
      return new Postgres(dir, port, Long.parseLong(pidFile.get(0).trim()));
    } catch (IOException | RuntimeException | InterruptedException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private enum Duration {
    INITDB(120), START(90);
    final int seconds;

    Duration(int seconds) {
      this.seconds = seconds;
    }
  }

  private static void run(boolean asNobody, Path dir, List<String> command, Duration limit)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asNobody) full.addAll(List.of("runuser", "-u", "nobody", "--"));
    full.addAll(command);
    Path log = dir.resolve("harness.log");
    Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!p.waitFor(limit.seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish within " + limit.seconds + " s; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + "):\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  static boolean isRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  /** The server's PID (the postmaster). */
  public long pid() {
    return pid;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/DB}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database owned by {@value #USER} (through the unix socket, with psql). */
  public void createDatabase(String name) throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow();
    run(isRoot(), dir, List.of(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p",
        String.valueOf(port), "-U", USER, name), Duration.START);
  }

  /**
   * Stops the server as an outage would (pg_ctl's fast shutdown: every client is disconnected),
   * keeping its data for {@link #startAgain()}.
   */
  public void stopServer() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow();
    run(isRoot(), dir, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast",
        "-w", "-t", "60", "stop"), Duration.START);
  }

  /** Starts the server stopped by {@link #stopServer()} again, on the same port; returns once it accepts connections. */
  public void startAgain() throws IOException, InterruptedException {
    Path bin = binaries().orElseThrow();
    Path data = dir.resolve("data");
    run(isRoot(), dir, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), Duration.START);
    pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim());
  }

  public String log() {
    try {
      return Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Stops the server by its PID: SIGINT (PostgreSQL's fast shutdown: clients are disconnected),
   * SIGKILL after 30 s; then deletes its folder.
   */
  @Override
  public void close() {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent() && handle.get().isAlive()) {
      try {
        new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        handle.get().onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.get().destroyForcibly();
        try {
          handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // nothing more to do: the folder is removed below either way
        }
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      }
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temp folder is harmless; the server is stopped
    }
  }
}
