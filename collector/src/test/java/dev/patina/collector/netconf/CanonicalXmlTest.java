package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class CanonicalXmlTest {
  private static String canonical(String xml, VolatileAttributes volatiles) throws NetconfProtocolException {
    Element root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), "test").getDocumentElement();
    return CanonicalXml.format(root, volatiles);
  }

  @Test
  void attributeOrderAndWhitespaceDoNotChangeTheText() throws Exception {
    String a = "<config xmlns=\"urn:x\" xmlns:b=\"urn:b\" xmlns:a=\"urn:a\"><iface b:mtu=\"9000\" a:speed=\"10g\">"
        + "<name>ge-0/0/0</name><unit>0</unit></iface></config>";
    String b = "<config   xmlns:a=\"urn:a\"\n xmlns:b=\"urn:b\" xmlns=\"urn:x\">\n\n  <iface a:speed='10g'\tb:mtu=\"9000\">\n"
        + "    <name>\n      ge-0/0/0   </name>\n\t<unit> 0 </unit>\n  </iface>\n</config>\n";
    assertEquals(canonical(a, VolatileAttributes.NONE), canonical(b, VolatileAttributes.NONE));
    assertEquals("""
        <config xmlns="urn:x" xmlns:a="urn:a" xmlns:b="urn:b">
          <iface a:speed="10g" b:mtu="9000">
            <name>ge-0/0/0</name>
            <unit>0</unit>
          </iface>
        </config>
        """, canonical(b, VolatileAttributes.NONE));
  }

  @Test
  void junosChangeTimestampsAreRemovedAndOtherAttributesKept() throws Exception {
    String junos = "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/23.4R1/junos\"><data>"
        + "<configuration junos:commit-seconds=\"1732200000\" junos:commit-localtime=\"2024-11-21 15:00:00 UTC\""
        + " junos:commit-user=\"netops\"><system junos:changed-seconds=\"1732200000\""
        + " junos:changed-localtime=\"2024-11-21 15:00:00 UTC\"><host-name>edge-1</host-name></system>"
        + "<interfaces><interface inactive=\"inactive\"><name>ge-0/0/1</name></interface></interfaces>"
        + "</configuration></data></rpc-reply>";
    Element data = (Element) SafeXml.parse(junos.getBytes(StandardCharsets.UTF_8), "test")
        .getDocumentElement().getFirstChild();
    assertEquals("""
        <data>
          <configuration>
            <system>
              <host-name>edge-1</host-name>
            </system>
            <interfaces>
              <interface inactive="inactive">
                <name>ge-0/0/1</name>
              </interface>
            </interfaces>
          </configuration>
        </data>
        """, CanonicalXml.format(data, VolatileAttributes.DEFAULT));
  }

  @Test
  void aPrefixDeclaredOutsideTheSubtreeIsDeclaredWhereItIsFirstUsed() throws Exception {
    String xml = "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" xmlns:junos=\"urn:junos\">"
        + "<data><group junos:group=\"base\"><x/></group></data></rpc-reply>";
    Element data = (Element) SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), "test")
        .getDocumentElement().getFirstChild();
    assertEquals("""
        <data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
          <group xmlns:junos="urn:junos" junos:group="base">
            <x/>
          </group>
        </data>
        """, CanonicalXml.format(data, VolatileAttributes.NONE));
  }

  @Test
  void aRedundantNamespaceDeclarationIsLeftOutAndPrefixesUsedInTextAreKept() throws Exception {
    String xml = "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\"><interface"
        + " xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\"><type xmlns:ianaift=\"urn:iana-if-type\">"
        + "ianaift:ethernetCsmacd</type></interface></interfaces>";
    assertEquals("""
        <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
          <interface>
            <type xmlns:ianaift="urn:iana-if-type">ianaift:ethernetCsmacd</type>
          </interface>
        </interfaces>
        """, canonical(xml, VolatileAttributes.NONE));
  }

  @Test
  void specialCharactersAreEscapedAndCommentsKeptOnTheirOwnLine() throws Exception {
    String xml = "<c><description a=\"x&quot;y\">R&amp;D &lt;lab&gt;</description><!--  managed by ansible  --><e></e></c>";
    assertEquals("""
        <c>
          <description a="x&quot;y">R&amp;D &lt;lab&gt;</description>
          <!-- managed by ansible -->
          <e/>
        </c>
        """, canonical(xml, VolatileAttributes.NONE));
  }

  @Test
  void volatileNamesMatchByPrefixedNameByLocalNameOrByGlob() throws Exception {
    String xml = "<c xmlns:j=\"urn:j\" last-modified=\"now\" j:changed-seconds=\"1\" j:keep=\"k\" j:x-stamp=\"2\"/>";
    String text = canonical(xml, new VolatileAttributes(List.of("last-modified", "j:changed-seconds", "j:*-stamp")));
    assertEquals("<c xmlns:j=\"urn:j\" j:keep=\"k\"/>\n", text);
    assertFalse(canonical(xml, VolatileAttributes.NONE).equals(text));
    assertTrue(canonical(xml, new VolatileAttributes(List.of("changed-seconds"))).contains("j:keep"));
    assertFalse(canonical(xml, new VolatileAttributes(List.of("changed-seconds"))).contains("changed-seconds"));
  }

  @Test
  void capabilitiesAreSortedOneALine() {
    assertEquals("urn:a\nurn:b\n", NetconfCollector.capabilities(List.of("urn:b", "urn:a", "urn:b", "")));
  }
}
