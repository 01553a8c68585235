package dev.patina.sim.netconf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * MINA SSHD {@code netconf} subsystem serving a configurable running configuration over
 * base:1.0, or base:1.0 and 1.1, with fault knobs for framing edge cases (split writes, odd
 * chunk sizes, malformed framing, rpc-error, silence). Records what clients sent.
 */
public final class NetconfSubsystemFactory implements SubsystemFactory {
  public static final String BASE_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

  private volatile String runningConfig;
  private volatile boolean base11 = true;
  private volatile int chunkSize = 64 * 1024;
  private volatile int[] writeSizes = new int[0];
  private volatile NetconfFault fault = NetconfFault.none();
  private volatile List<String> extraCapabilities = List.of();
  private final AtomicInteger sessions = new AtomicInteger();
  private final List<String> hellos = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** Serves {@code runningConfig}: the XML inside {@code <data>}, sent as is. */
  public NetconfSubsystemFactory(String runningConfig) {
    this.runningConfig = runningConfig;
  }

  @Override
  public String getName() {
    return "netconf";
  }

  @Override
  public Command createSubsystem(ChannelSession channel) {
    return new NetconfSubsystem(this, sessions.incrementAndGet());
  }

  /** Changes the configuration served from now on (between collection runs). */
  public NetconfSubsystemFactory runningConfig(String xml) {
    this.runningConfig = xml;
    return this;
  }

  /** Advertise base:1.1 as well as base:1.0 (default true); false makes a 1.0-only server. */
  public NetconfSubsystemFactory base11(boolean advertise) {
    this.base11 = advertise;
    return this;
  }

  /** Largest chunk in base:1.1 replies (default 64 KiB); small values make many chunks. */
  public NetconfSubsystemFactory chunkSize(int bytes) {
    if (bytes < 1) throw new IllegalArgumentException("chunk size must be positive");
    this.chunkSize = bytes;
    return this;
  }

  /**
   * Writes every framed reply in pieces of these sizes (cycled), flushing each: SSH packets then
   * end at arbitrary points, e.g. inside a chunk header or the end marker. Empty: one write.
   */
  public NetconfSubsystemFactory writeSizes(int... sizes) {
    for (int s : sizes) if (s < 1) throw new IllegalArgumentException("write sizes must be positive");
    this.writeSizes = sizes.clone();
    return this;
  }

  /** Extra capabilities for the hello (e.g. YANG module URIs). */
  public NetconfSubsystemFactory capabilities(List<String> extra) {
    this.extraCapabilities = List.copyOf(extra);
    return this;
  }

  public NetconfSubsystemFactory fault(NetconfFault f) {
    this.fault = f;
    return this;
  }

  /** Client hello messages received, in order. */
  public List<String> hellos() {
    return List.copyOf(hellos);
  }

  /** Client rpc messages received (unframed XML), in order, across sessions. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Number of sessions started. */
  public int sessions() {
    return sessions.get();
  }

  String runningConfig() {
    return runningConfig;
  }

  boolean base11() {
    return base11;
  }

  int chunkSize() {
    return chunkSize;
  }

  int[] writeSizes() {
    return writeSizes;
  }

  NetconfFault currentFault() {
    return fault;
  }

  List<String> extraCapabilities() {
    return extraCapabilities;
  }

  void recordHello(String xml) {
    hellos.add(xml);
  }

  void recordRequest(String xml) {
    requests.add(xml);
  }
}
