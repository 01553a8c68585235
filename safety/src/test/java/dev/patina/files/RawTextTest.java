package dev.patina.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawTextTest {
  @Test
  void aLatin1FileComesBackByteForByte() {
    byte[] latin1 = "# Caf\u00e9 r\u00e9seau, \u00fcber\nauto eth0\n".getBytes(StandardCharsets.ISO_8859_1);
    String text = RawText.decode(latin1);
    assertEquals(-1, text.indexOf('\uFFFD'), "nothing replaced");
    assertArrayEquals(latin1, RawText.encode(text));
  }

  @Test
  void utf8AndMixedBytesComeBackAndUtf8ReadsAsItself() {
    byte[] utf8 = "caf\u00e9 \u2603 \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("caf\u00e9 \u2603 \uD83D\uDE00\n", RawText.decode(utf8));
    assertArrayEquals(utf8, RawText.encode(RawText.decode(utf8)));
    byte[] mixed = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0xe9, (byte) 0xff, (byte) 0xe2, (byte) 0x98, 'b', (byte) 0xed, (byte) 0xb0, (byte) 0x80};
    assertArrayEquals(mixed, RawText.encode(RawText.decode(mixed)));
  }
}
