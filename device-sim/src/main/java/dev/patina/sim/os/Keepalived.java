package dev.patina.sim.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real keepalived (VRRP only) inside a test's network namespace, with its own config and
 * pid files in a work folder; stopped by PID on {@link #close()}, which releases its addresses.
 */
public final class Keepalived implements AutoCloseable {
  private final Process process;
  private final Path dir;

  private Keepalived(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  /** Starts keepalived with {@code config} in {@code ns}; skips or fails the test when it is not installed. */
  public static Keepalived start(NetNamespace ns, Path dir, String config) throws IOException {
    Path bin = SystemProgram.need("keepalived");
    Files.createDirectories(dir);
    Path conf = dir.resolve("keepalived.conf");
    Files.writeString(conf, config);
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--dont-fork", "--log-console", "--log-detail",
        "--vrrp", "--use-file=" + conf, "--pid=" + dir.resolve("keepalived.pid"),
        "--vrrp_pid=" + dir.resolve("vrrp.pid")));
    Process p = new ProcessBuilder(ns.wrap(cmd)).redirectErrorStream(true)
        .redirectOutput(dir.resolve("keepalived.log").toFile()).start();
    return new Keepalived(p, dir);
  }

  public Path config() {
    return dir.resolve("keepalived.conf");
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("keepalived.log"), StandardCharsets.UTF_8);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as {@code systemctl stop} would: keepalived gives up its virtual addresses and exits. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
