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

  @Test
  void aTextHoldingTheReplacementCharacterItselfAndAnyBytesComeBack() {
    byte[] replacement = "a \uFFFD b\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("a \uFFFD b\n", RawText.decode(replacement));
    byte[] both = {'x', (byte) 0xef, (byte) 0xbf, (byte) 0xbd, (byte) 0xe9, 'y'};
    assertArrayEquals(both, RawText.encode(RawText.decode(both)));
    java.util.Random random = new java.util.Random(11);
    for (int n = 0; n < 5000; n++) {
      byte[] bytes = new byte[random.nextInt(12)];
      for (int i = 0; i < bytes.length; i++) { // mostly ASCII and UTF-8 lead and continuation bytes
        int pick = random.nextInt(4);
        bytes[i] = (byte) (pick == 0 ? 'a' + random.nextInt(26) : pick == 1 ? 0x80 + random.nextInt(64)
            : pick == 2 ? 0xc0 + random.nextInt(64) : random.nextInt(256));
      }
      assertArrayEquals(bytes, RawText.encode(RawText.decode(bytes)), () -> java.util.HexFormat.of().formatHex(bytes));
    }
  }
}
