package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {
  @Test
  void anExternalEntityIsRefusedAndTheFileIsNeverRead(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("shadow"), "TOP-SECRET-MARKER");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"1\"><data>&x;</data></rpc-reply>";
    NetconfProtocolException e = assertThrows(NetconfProtocolException.class,
        () -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8), "the reply from r1:830"));
    assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    assertTrue(e.getMessage().startsWith("the reply from r1:830"), e.getMessage());
    assertFalse(e.getMessage().contains("TOP-SECRET-MARKER"));
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    bomb.append("]><lolz>&l9;</lolz>");
    assertThrows(NetconfProtocolException.class,
        () -> SafeXml.parse(bomb.toString().getBytes(StandardCharsets.UTF_8), "reply"));
  }

  @Test
  void malformedXmlNamesLineAndColumn() {
    NetconfProtocolException e = assertThrows(NetconfProtocolException.class,
        () -> SafeXml.parse("<a>\n<b></a>".getBytes(StandardCharsets.UTF_8), "the reply from r1:830"));
    assertTrue(e.getMessage().contains("not well-formed XML at line 2"), e.getMessage());
  }
}
