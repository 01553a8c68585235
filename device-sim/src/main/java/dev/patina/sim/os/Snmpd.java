package dev.patina.sim.os;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Net-SNMP {@code snmpd} from Debian on a loopback UDP port, with its own config and
 * persistent folder (never {@code /var/lib/snmp}); stopped by PID on {@link #close()}.
 */
public final class Snmpd implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private Snmpd(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts snmpd with {@code config} lines (community, users, sysName...) after the listening
   * address it adds itself. Readiness is the caller's to check (an SNMP GET with a deadline).
   */
  public static Snmpd start(Path dir, List<String> config) throws IOException {
    Path bin = SystemProgram.need("snmpd");
    Files.createDirectories(dir.resolve("persist"));
    int port;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("snmpd.conf");
    StringBuilder text = new StringBuilder("agentaddress udp:127.0.0.1:" + port + "\n");
    for (String line : config) text.append(line).append('\n');
    Files.writeString(conf, text, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(bin.toString(), "-f", "-Lo", "-C", "-c", conf.toString(),
        "-p", dir.resolve("snmpd.pid").toString(), "-I", "-smux,mteTrigger,mteTriggerConf")
        .redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
    pb.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
    pb.environment().put("MIBS", "");
    return new Snmpd(pb.start(), dir, port);
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() throws IOException {
    return Files.readString(dir.resolve("snmpd.log"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
