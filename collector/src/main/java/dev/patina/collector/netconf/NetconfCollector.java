package dev.patina.collector.netconf;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Collects a device's configuration over NETCONF as two artifacts: {@value #RUNNING_CONFIG}
 * (the {@code <data>} of get-config running as {@link CanonicalXml} text) and
 * {@value #CAPABILITIES} (the server's capabilities, sorted, one per line).
 */
final class NetconfCollector {
  /** Artifact name of the canonical XML configuration. */
  public static final String RUNNING_CONFIG = "running-config";
  /** Artifact name of the sorted capability list. */
  public static final String CAPABILITIES = "netconf-capabilities";

  private NetconfCollector() {}

  /** Connects, logs in, collects, closes. */
  public static Map<String, String> collect(String host, int port, NetconfLogin login, HostKeyVerifier verifier,
      NetconfOptions options) throws IOException {
    try (NetconfSession session = NetconfClient.connect(host, port, login, verifier, options)) {
      return collect(session, options);
    }
  }

  /** Collects over a connected, authenticated SSH client (left open). */
  public static Map<String, String> collect(SSHClient ssh, NetconfOptions options) throws IOException {
    try (NetconfSession session = NetconfClient.open(ssh, options)) {
      return collect(session, options);
    }
  }

  /** Collects over an open session (left open). */
  public static Map<String, String> collect(NetconfSession session, NetconfOptions options) throws IOException {
    Map<String, String> artifacts = new LinkedHashMap<>();
    artifacts.put(RUNNING_CONFIG,
        CanonicalXml.format(session.getConfig(options.subtreeFilter()), options.volatileAttributes()));
    artifacts.put(CAPABILITIES, capabilities(session.serverCapabilities()));
    return artifacts;
  }

  /** Capabilities sorted and de-duplicated, one per line, with a final newline. */
  public static String capabilities(List<String> capabilities) {
    StringBuilder s = new StringBuilder();
    for (String c : new TreeSet<>(capabilities)) if (!c.isEmpty()) s.append(c).append('\n');
    return s.toString();
  }
}
