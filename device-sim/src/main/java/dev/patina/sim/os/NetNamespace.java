package dev.patina.sim.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own ({@code ip netns}), for hosts that talk to each other
 * (VRRP) without touching any real network. Deleted on {@link #close()}, its links with it.
 */
public final class NetNamespace implements AutoCloseable {
  private final String name;

  private NetNamespace(String name) {
    this.name = name;
  }

  /** A new namespace with its loopback up; skips or fails the test where namespaces are not allowed. */
  public static NetNamespace create(String prefix) throws IOException {
    SystemProgram.need("ip", "iproute2");
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Result r = run(List.of("ip", "netns", "add", name));
    SystemProgram.needCapability(r.status() == 0, "network namespaces (ip netns add: " + r.output().strip()
        + "; needs root or CAP_SYS_ADMIN)");
    NetNamespace ns = new NetNamespace(name);
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  /** Joins two namespaces by a veth pair and gives each end an address (CIDR), links up. */
  public static void link(NetNamespace a, String aIf, String aAddress, NetNamespace b, String bIf, String bAddress)
      throws IOException {
    check(run(List.of("ip", "link", "add", aIf, "netns", a.name, "type", "veth", "peer", "name", bIf, "netns", b.name)),
        "create veth " + aIf + "/" + bIf);
    a.exec("ip", "addr", "add", aAddress, "dev", aIf);
    b.exec("ip", "addr", "add", bAddress, "dev", bIf);
    a.exec("ip", "link", "set", aIf, "up");
    b.exec("ip", "link", "set", bIf, "up");
  }

  public String name() {
    return name;
  }

  /** The command line that runs {@code command} inside this namespace. */
  public List<String> wrap(List<String> command) {
    List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", name));
    out.addAll(command);
    return out;
  }

  /** Runs a command inside; fails with its output when it exits non-zero. */
  public String exec(String... command) throws IOException {
    Result r = run(wrap(List.of(command)));
    check(r, String.join(" ", command));
    return r.output();
  }

  /** {@code ip -o addr show} inside, as a Linux host reports it. */
  public String addresses() throws IOException {
    return exec("ip", "-o", "addr", "show");
  }

  record Result(int status, String output) {}

  static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 30 s");
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void check(Result r, String what) throws IOException {
    if (r.status() != 0) throw new IOException(what + " failed (exit " + r.status() + "): " + r.output().strip());
  }

  @Override
  public void close() throws IOException {
    run(List.of("ip", "netns", "del", name));
  }
}
