package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.netconf.NetconfFault;
import dev.patina.sim.netconf.NetconfSimServer;
import dev.patina.sim.netconf.NetconfSubsystemFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;

/** The client against device-sim's NETCONF subsystem over real SSH: framings and faults. */
class NetconfSimTest {
  private static final String CONFIG = "<configuration xmlns:junos=\"http://xml.juniper.net/junos/23.4R1/junos\""
      + " junos:commit-seconds=\"1732200000\"><system junos:changed-seconds=\"1732200000\">"
      + "<host-name>edge-1</host-name></system><interfaces><interface><name>ge-0/0/0</name>"
      + "<description>uplink &amp; core</description></interface></interfaces></configuration>";
  private static final String EXPECTED = """
      <data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
        <configuration xmlns:junos="http://xml.juniper.net/junos/23.4R1/junos">
          <system>
            <host-name>edge-1</host-name>
          </system>
          <interfaces>
            <interface>
              <name>ge-0/0/0</name>
              <description>uplink &amp; core</description>
            </interface>
          </interfaces>
        </configuration>
      </data>
      """;
  /** Generous deadlines: the assertions are about getting an answer at all, not speed. */
  private static final NetconfOptions OPTIONS = NetconfOptions.defaults()
      .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));

  private static Map<String, String> collect(NetconfSimServer sim, NetconfOptions options) throws Exception {
    return NetconfCollector.collect(sim.host(), sim.port(),
        NetconfLogin.password(NetconfSimServer.USER, NetconfSimServer.PASSWORD), new PromiscuousVerifier(), options);
  }

  @Test
  void aBase10OnlyServerIsReadWithEndOfMessageFraming() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).base11(false).writeSizes(5, 1, 3);
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      try (NetconfSession s = NetconfClient.connect(sim.host(), sim.port(),
          NetconfLogin.password(NetconfSimServer.USER, NetconfSimServer.PASSWORD), new PromiscuousVerifier(), OPTIONS)) {
        assertEquals(Framing.END_OF_MESSAGE, s.framing());
        assertEquals("1", s.sessionId());
      }
      Map<String, String> artifacts = collect(sim, OPTIONS);
      assertEquals(EXPECTED, artifacts.get(NetconfCollector.RUNNING_CONFIG));
      assertEquals("urn:ietf:params:netconf:base:1.0\n", artifacts.get(NetconfCollector.CAPABILITIES));
      assertTrue(netconf.requests().getLast().contains("<close-session/>"), netconf.requests().toString());
    }
  }

  @Test
  void chunksSplitInOddPlacesAcrossPacketsReassembleToTheSameText() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).chunkSize(7).writeSizes(1, 2, 3, 5, 11, 4096)
        .capabilities(List.of("urn:example:zz?module=zz", "urn:example:aa?module=aa"));
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      try (NetconfSession s = NetconfClient.connect(sim.host(), sim.port(),
          NetconfLogin.password(NetconfSimServer.USER, NetconfSimServer.PASSWORD), new PromiscuousVerifier(), OPTIONS)) {
        assertEquals(Framing.CHUNKED, s.framing());
      }
      Map<String, String> artifacts = collect(sim, OPTIONS);
      assertEquals(EXPECTED, artifacts.get(NetconfCollector.RUNNING_CONFIG));
      assertEquals("""
          urn:example:aa?module=aa
          urn:example:zz?module=zz
          urn:ietf:params:netconf:base:1.0
          urn:ietf:params:netconf:base:1.1
          """, artifacts.get(NetconfCollector.CAPABILITIES));
    }
  }

  @Test
  void aClientThatDoesNotOfferBase11StaysOnEndOfMessageFraming() throws Exception {
    try (NetconfSimServer sim = NetconfSimServer.start(new NetconfSubsystemFactory(CONFIG))) {
      assertEquals(EXPECTED, collect(sim, OPTIONS.withOfferBase11(false)).get(NetconfCollector.RUNNING_CONFIG));
      assertTrue(!sim.netconf().hellos().getFirst().contains("base:1.1"));
    }
  }

  @Test
  void malformedChunkFramingIsAClearErrorNotAHang() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.malformedFraming());
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfFramingException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(NetconfFramingException.class, () -> collect(sim, OPTIONS)));
      assertTrue(e.getMessage().contains("a chunk size may hold only digits"), e.getMessage());
      assertTrue(e.getMessage().contains("'x' (0x78)"), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1:" + sim.port()), e.getMessage());
    }
  }

  @Test
  void aBase10ReplyCutOffMidMessageIsAFramingError() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).base11(false)
        .fault(NetconfFault.malformedFraming());
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfFramingException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(NetconfFramingException.class, () -> collect(sim, OPTIONS)));
      assertTrue(e.getMessage().contains("before its ]]>]]> end-of-message marker"), e.getMessage());
    }
  }

  @Test
  void anRpcErrorReportsItsTagSeverityAndMessage() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG)
        .fault(NetconfFault.rpcError("access-denied", "error", "user backup may not read the configuration"));
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfRpcException e = assertThrows(NetconfRpcException.class, () -> collect(sim, OPTIONS));
      RpcError error = e.errors().getFirst();
      assertEquals("access-denied", error.tag());
      assertEquals("error", error.severity());
      assertEquals("application", error.type());
      assertEquals("user backup may not read the configuration", error.message());
      assertTrue(e.getMessage().contains("refused <get-config> (message-id 1)"), e.getMessage());
      assertTrue(e.getMessage().contains("tag=access-denied severity=error"), e.getMessage());
    }
  }

  @Test
  void aSilentServerTimesOutAtTheReplyDeadline() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.neverReply());
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfOptions quick = OPTIONS.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500));
      NetconfTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(NetconfTimeoutException.class, () -> collect(sim, quick)));
      assertTrue(e.getMessage().contains("no complete reply to <get-config> (message-id 1)"), e.getMessage());
      assertTrue(e.getMessage().contains("within 500 ms"), e.getMessage());
      assertTrue(netconf.requests().getFirst().contains("<get-config>"), netconf.requests().toString());
    }
  }

  @Test
  void aServerThatNeverSaysHelloTimesOut() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.noHello());
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfOptions quick = OPTIONS.withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500));
      NetconfTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(NetconfTimeoutException.class, () -> collect(sim, quick)));
      assertTrue(e.getMessage().contains("<hello>"), e.getMessage());
    }
  }

  @Test
  void anXxePayloadInTheReplyIsRefused() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rpc-reply [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"{message-id}\">"
        + "<data><leak>&x;</leak></data></rpc-reply>";
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.rawReply(xxe));
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfProtocolException e = assertThrows(NetconfProtocolException.class, () -> collect(sim, OPTIONS));
      assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
      assertTrue(!e.getMessage().contains("root:"), e.getMessage());
    }
  }

  @Test
  void aReplyWithAnotherMessageIdIsRefused() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.wrongMessageId());
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfProtocolException e = assertThrows(NetconfProtocolException.class, () -> collect(sim, OPTIONS));
      assertTrue(e.getMessage().contains("message-id 1001 while waiting for message-id 1"), e.getMessage());
    }
  }

  @Test
  void aReplyOverTheSizeLimitIsRefused() throws Exception {
    try (NetconfSimServer sim = NetconfSimServer.start(new NetconfSubsystemFactory(CONFIG).chunkSize(100))) {
      NetconfTooLargeException e = assertThrows(NetconfTooLargeException.class,
          () -> collect(sim, OPTIONS.withMaxReplyBytes(200)));
      assertTrue(e.getMessage().contains("exceeds the limit of 200 bytes"), e.getMessage());
    }
  }

  @Test
  void theSubtreeFilterReachesTheServerAndAConfigChangeShowsInTheNextRun() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG);
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfOptions filtered = OPTIONS.withSubtreeFilter("<configuration/>");
      String before = collect(sim, filtered).get(NetconfCollector.RUNNING_CONFIG);
      assertTrue(netconf.requests().getFirst().contains("<filter type=\"subtree\"><configuration/></filter>"),
          netconf.requests().toString());
      netconf.runningConfig(CONFIG.replace("edge-1", "edge-2").replace("1732200000", "1732299999"));
      String after = collect(sim, filtered).get(NetconfCollector.RUNNING_CONFIG);
      assertEquals(before.replace("<host-name>edge-1</host-name>", "<host-name>edge-2</host-name>"), after);
    }
  }

  @Test
  void aBrokenSubtreeFilterIsRefusedBeforeItIsSent() throws Exception {
    NetconfSubsystemFactory netconf = new NetconfSubsystemFactory(CONFIG);
    try (NetconfSimServer sim = NetconfSimServer.start(netconf)) {
      NetconfProtocolException e = assertThrows(NetconfProtocolException.class,
          () -> collect(sim, OPTIONS.withSubtreeFilter("<configuration>")));
      assertTrue(e.getMessage().startsWith("the subtree filter is not well-formed"), e.getMessage());
      assertTrue(netconf.requests().stream().noneMatch(r -> r.contains("get-config")), netconf.requests().toString());
    }
  }
}
