package dev.patina.app.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.patina.collector.ChangeRules;
import dev.patina.inventory.Device;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the listener reads from a syslog message, and which device it decides sent it. */
class SyslogAndSenderTest {
  private static Announcement parse(String s) throws Exception {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return SyslogParser.parse("syslog/udp", InetAddress.getByName("192.0.2.1"), b, b.length, 0);
  }

  @Test
  void ciscoBsdAnd5424MessagesGiveTheirHostnameAndText() throws Exception {
    Announcement cisco = parse("<189>42: *Nov 26 14:01:02.345: %SYS-5-CONFIG_I: Configured from console by admin");
    assertNull(cisco.hostname());
    assertEquals("42: *Nov 26 14:01:02.345: %SYS-5-CONFIG_I: Configured from console by admin", cisco.text());
    Announcement bsd = parse("<13>Nov  6 14:01:02 core-sw1 mgd[42]: UI_COMMIT: User 'jdoe' requested 'commit' operation\n");
    assertEquals("core-sw1", bsd.hostname());
    assertEquals("mgd[42]: UI_COMMIT: User 'jdoe' requested 'commit' operation", bsd.text());
    Announcement rfc5424 = parse("<13>1 2026-11-26T14:01:02.345+00:00 edge-rtr1 root 77 - "
        + "[timeQuality tzKnown=\"1\" note=\"a \\] inside\"][x@1 a=\"b\"] \uFEFFhello");
    assertEquals("edge-rtr1", rfc5424.hostname());
    assertEquals("root[77]: hello", rfc5424.text());
    assertNull(parse("<13>1 2026-11-26T14:01:02Z - - - - -"), "a message with no text");
  }

  @Test
  void withoutAValidPriorityOrAsBinaryAMessageIsMalformed() throws Exception {
    assertNull(parse("no priority here"));
    assertNull(parse("<999>too high"));
    byte[] junk = {'<', '1', '3', '>', (byte) 0xff, (byte) 0xfe, 0, 1, 2};
    assertNull(SyslogParser.parse("syslog/udp", InetAddress.getLoopbackAddress(), junk, junk.length, 0));
    assertNull(parse("<13>" + "\u0001\u0002\u0003ab"));
  }

  private static Device device(String name, String host) {
    return new Device(name, host, 22, "cisco-ios", null, "u", null, null, null, false, null, Map.of(), List.of(),
        null, null, "test");
  }

  @Test
  void theSenderDecidesUnlessDevicesShareItOrItIsARelayThenTheHostnameDoes() throws Exception {
    Device a = device("core-sw1", "192.0.2.1");
    Device b = device("edge-rtr1.example.net", "192.0.2.2");
    Device c = device("edge-rtr2", "192.0.2.2");
    DeviceMatcher m = new DeviceMatcher(List.of(a, b, c), d -> ChangeRules.NONE, List.of("192.0.2.250"));
    InetAddress one = InetAddress.getByName("192.0.2.1");
    InetAddress shared = InetAddress.getByName("192.0.2.2");
    InetAddress relay = InetAddress.getByName("192.0.2.250");
    assertEquals(a, m.find(one, null).device());
    assertEquals(a, m.find(one, "anything").device(), "a device's own address wins over what the message claims");
    assertNull(m.find(shared, null), "two devices share it and the message names neither");
    assertEquals(b, m.find(shared, "edge-rtr1").device(), "the first label of the name");
    assertEquals(c, m.find(shared, "EDGE-RTR2").device());
    assertNull(m.find(shared, "core-sw1"), "a name of a device behind another address");
    assertEquals(a, m.find(relay, "core-sw1").device(), "a relay forwards for any device");
    assertNull(m.find(relay, null));
    assertNull(m.find(InetAddress.getByName("198.51.100.7"), "core-sw1"), "an unknown sender is never trusted");
    assertEquals(a, m.find(InetAddress.getByName("::ffff:192.0.2.1"), null).device(), "IPv4-mapped IPv6");
  }
}
