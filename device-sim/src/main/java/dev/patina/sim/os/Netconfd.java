package dev.patina.sim.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * yuma123 {@code netconfd} with its own socket, startup file and home in a work folder, behind a
 * real OpenSSH sshd whose {@code netconf} subsystem is {@code netconf-subsystem} pointed at that
 * socket. Both are stopped by PID on close.
 */
public final class Netconfd implements AutoCloseable {
  private final OpenSshd sshd;
  private final Process netconfd;
  private final Path dir;

  private Netconfd(OpenSshd sshd, Process netconfd, Path dir) {
    this.sshd = sshd;
    this.netconfd = netconfd;
    this.dir = dir;
  }

  /** Starts sshd and netconfd serving {@code startupXml} (a {@code <config>} document) with the given modules. */
  public static Netconfd start(Path dir, String startupXml, List<String> modules) throws IOException {
    Files.createDirectories(dir);
    Path netconfdBin = SystemProgram.need("netconfd");
    Path subsystem = SystemProgram.need("netconf-subsystem", "netconfd");
    Path socket = dir.resolve("ncxserver.sock");
    if (socket.toString().length() > 100) throw new IOException("socket path too long for AF_UNIX: " + socket);
    // netconf-subsystem finds netconfd's socket by the SSH port the client connected to
    Path wrapper = dir.resolve("netconf-subsystem.sh");
    Files.writeString(wrapper, "#!/bin/sh\nexec " + subsystem + " \"--ncxserver-sockname=${SSH_CONNECTION##* }@"
        + socket + "\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    OpenSshd sshd = OpenSshd.start(dir.resolve("sshd"), List.of("Subsystem netconf " + wrapper));
    try {
      Path startup = Files.writeString(dir.resolve("startup.xml"), startupXml, StandardCharsets.UTF_8);
      Path home = Files.createDirectories(dir.resolve("home"));
      List<String> command = new java.util.ArrayList<>(List.of(netconfdBin.toString(),
          "--ncxserver-sockname=" + socket,
          "--port=" + sshd.port(),
          "--startup=" + startup,
          "--target=running",
          "--superuser=" + OpenSshd.user(),
          "--log=" + dir.resolve("netconfd.log"),
          "--log-level=info"));
      for (String m : modules) command.add("--module=" + m);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("netconfd.out").toFile());
      pb.environment().put("HOME", home.toString());
      Process p = pb.start();
      Netconfd started = new Netconfd(sshd, p, dir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(socket)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          String why = p.isAlive() ? "did not create " + socket + " within 20 s" : "exited with " + p.exitValue();
          started.close();
          throw new IOException("netconfd " + why + "; log:\n" + started.log());
        }
        p.waitFor(50, TimeUnit.MILLISECONDS);
      }
      return started;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sshd.close();
      throw new IOException("interrupted while starting netconfd", e);
    } catch (IOException | RuntimeException e) {
      sshd.close();
      throw e;
    }
  }

  public OpenSshd sshd() {
    return sshd;
  }

  public String log() {
    StringBuilder s = new StringBuilder();
    for (String f : List.of("netconfd.out", "netconfd.log")) {
      try {
        s.append("--- ").append(f).append('\n').append(Files.readString(dir.resolve(f)));
      } catch (IOException e) {
        s.append("--- ").append(f).append(": ").append(e.getMessage()).append('\n');
      }
    }
    return s.toString();
  }

  @Override
  public void close() {
    netconfd.destroy();
    try {
      if (!netconfd.waitFor(10, TimeUnit.SECONDS)) netconfd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      netconfd.destroyForcibly();
    } finally {
      sshd.close();
    }
  }
}
