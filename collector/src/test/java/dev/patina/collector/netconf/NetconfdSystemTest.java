package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.os.Netconfd;
import dev.patina.sim.os.OpenSshd;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.transport.verification.FingerprintVerifier;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real NETCONF server: yuma123 netconfd behind OpenSSH sshd on loopback. */
class NetconfdSystemTest {
  private static final String IF_NS = "urn:ietf:params:xml:ns:yang:ietf-interfaces";
  private static final String IANA_NS = "urn:ietf:params:xml:ns:yang:iana-if-type";
  private static final String STARTUP = """
      <config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
        <interfaces xmlns="%s">
          <interface>
            <name>eth0</name>
            <type xmlns:ianaift="%s">ianaift:ethernetCsmacd</type>
            <description>uplink</description>
          </interface>
        </interfaces>
      </config>
      """.formatted(IF_NS, IANA_NS);
  private static final String EDIT = """
      <edit-config><target><running/></target><config>
        <interfaces xmlns="%s">
          <interface><name>eth0</name><description>uplink to core-1</description></interface>
          <interface>
            <name>eth1</name>
            <type xmlns:ianaift="%s">ianaift:ethernetCsmacd</type>
            <description>backup link</description>
          </interface>
        </interfaces>
      </config></edit-config>
      """.formatted(IF_NS, IANA_NS);

  @Test
  void anEditConfigShowsUpAsExactlyThatChangeInTheCanonicalText(@TempDir Path dir) throws Exception {
    try (Netconfd server = Netconfd.start(dir, STARTUP, List.of("ietf-interfaces", "iana-if-type"))) {
      OpenSshd sshd = server.sshd();
      NetconfLogin login = NetconfLogin.key(OpenSshd.user(), sshd.clientKey());
      HostKeyVerifier hostKey = pinned(sshd.hostKeyLine());
      NetconfOptions options = NetconfOptions.defaults().withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(20));

      Map<String, String> before = NetconfCollector.collect(sshd.host(), sshd.port(), login, hostKey, options);
      String config = before.get(NetconfCollector.RUNNING_CONFIG);
      assertTrue(config.contains("      <name>eth0</name>\n      <description>uplink</description>\n"),
          config + server.log());
      assertTrue(config.startsWith("<data xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">\n"), config);
      String caps = before.get(NetconfCollector.CAPABILITIES);
      assertTrue(caps.contains("urn:ietf:params:netconf:base:1.1\n"), caps);
      assertTrue(caps.contains(IF_NS + "?module=ietf-interfaces&revision=2014-05-08"), caps);
      assertEquals(caps.lines().sorted().toList(), caps.lines().toList());

      try (NetconfSession session = NetconfClient.connect(sshd.host(), sshd.port(), login, hostKey, options)) {
        assertEquals(Framing.CHUNKED, session.framing(), "netconfd and Patina both speak base:1.1");
        NetconfRpcException refused = assertThrows(NetconfRpcException.class, () -> session.rpc(
            "<edit-config><target><running/></target><config><interfaces xmlns=\"" + IF_NS + "\"><interface>"
                + "<name>eth9</name><mtu-of-the-moon>1</mtu-of-the-moon></interface></interfaces></config></edit-config>"));
        RpcError error = refused.errors().getFirst();
        assertEquals("error", error.severity(), refused.getMessage());
        assertEquals("unknown-element", error.tag(), refused.getMessage());
        assertTrue(session.rpc(EDIT).getElementsByTagNameNS(NetconfSession.BASE_NS, "ok").getLength() == 1);
      }

      Map<String, String> after = NetconfCollector.collect(sshd.host(), sshd.port(), login, hostKey, options);
      String changed = after.get(NetconfCollector.RUNNING_CONFIG);
      assertEquals(List.of("      <description>uplink</description>"), minus(config, changed), changed);
      assertEquals(sorted(
          "      <description>uplink to core-1</description>",
          "    <interface>",
          "      <name>eth1</name>",
          "      <description>backup link</description>",
          "      <type xmlns:ianaift=\"" + IANA_NS + "\">ianaift:ethernetCsmacd</type>",
          "    </interface>"),
          minus(changed, config), changed);
      assertEquals(caps, after.get(NetconfCollector.CAPABILITIES));
      assertFalse(changed.contains("last-modified"), changed);
    }
  }

  /** Lines of {@code a} not matched by a line of {@code b} (multiset difference), sorted. */
  private static List<String> minus(String a, String b) {
    List<String> rest = new ArrayList<>(a.lines().toList());
    for (String line : b.lines().toList()) rest.remove(line);
    return rest.stream().sorted().toList();
  }

  private static List<String> sorted(String... lines) {
    return java.util.Arrays.stream(lines).sorted().toList();
  }

  /** Trusts exactly the host key in an OpenSSH public key line. */
  private static HostKeyVerifier pinned(String publicKeyLine) throws Exception {
    byte[] blob = Base64.getDecoder().decode(publicKeyLine.split(" ")[1]);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
    return FingerprintVerifier.getInstance("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha));
  }
}
