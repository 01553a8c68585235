package dev.patina.collector.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Terminal output rendered as a person would read it, with nothing of the terminal's control language left. */
class TerminalTextTest {
  @Test
  void feedingABufferInAnyChunksRendersAsFeedingCharByChar() {
    String raw = "Building configuration...\r\n\r\ninterface Gi1/0/1\r\n description up\u001b[K\r\n"
        + " --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b vlan 10\r\n"
        + "\u001b[24;12Hshow versi\u001b[24;12H\u001b[24;22Hon\r\nab\rX\tY\u001b]0;title\u0007end\r\n"
        + "caf\u00e9 \u001b(B\u001b[1;32mgreen\u001b[0m\u0085 \u007f\r\nended by LF alone\n\nthen CR LF\r\n\r"
        + "overwritten by CR\rOVER\r\nsw1#";
    List<String> expected = TerminalText.render(raw);
    for (int chunk : new int[] {1, 2, 3, 7, 64, raw.length()}) {
      TerminalText t = new TerminalText();
      char[] buf = raw.toCharArray();
      for (int off = 0; off < buf.length; off += chunk) t.feed(buf, off, Math.min(chunk, buf.length - off));
      List<String> got = new java.util.ArrayList<>(t.lines());
      if (!t.currentLine().isEmpty()) got.add(t.currentLine());
      assertEquals(expected, got, "chunks of " + chunk);
      assertEquals(raw.length(), t.charsFed(), "chunks of " + chunk);
    }
  }

  @Test
  void carriageReturnsEndingLinesDisappear() {
    assertEquals(List.of("interface A1", "   name \"CORE\""), TerminalText.render("interface A1\r\r\n   name \"CORE\"\r\n"));
  }

  @Test
  void aProCurveEchoSplitByCursorMovesIsErasedWithItsLine() {
    String raw = "\u001b[24;12Hshow versi\u001b[24;12H\u001b[?25h\u001b[24;22H\u001b[24;22Hon\u001b[24;22H\u001b[?25h"
        + "\u001b[24;24H\u001b[1;0H\u001b[1M\u001b[24;1H\u001b[1L\u001b[24;24H\u001b[24;1H\u001b[2K\u001b[24;1H"
        + "\u001b[?25h\u001b[24;1H\u001b[1;24r\u001b[24;1H\r\nImage stamp:\r\n";
    assertEquals(List.of("", "Image stamp:"), TerminalText.render(raw));
  }

  @Test
  void cursorPositionsOverwriteWithinTheLine() {
    assertEquals("           show version",
        TerminalText.renderLine("\u001b[24;12Hshow versi\u001b[24;12H\u001b[24;22Hon"));
  }

  @Test
  void backspacesAndSpacesEraseAPager() {
    assertEquals(List.of("end       "), TerminalText.render(" --More-- " + "\b".repeat(10) + " ".repeat(9) + "\b".repeat(9) + "end\n"));
  }

  @Test
  void aPromptWrappedInTerminalCodesReadsAsThePrompt() {
    assertEquals("ProCurve-Switch# ",
        TerminalText.renderLine("\u001b[24;0hProCurve-Switch# \u001b[24;12h\u001b[24;1H\u001b[24;42h"));
  }

  @Test
  void oscTitlesColoursCharsetsAndNextLineAreHandled() {
    assertEquals(List.of("user@fw1:~$ ls", "a"),
        TerminalText.render("\u001b]0;user@fw1: ~\u0007\u001b[01;32muser@fw1\u001b[00m:~$ ls\u001bE\u001b(Ba\u001b7\u001b8"));
  }

  @Test
  void eraseToEndOfLineCutsAtTheCursor() {
    assertEquals("abX", TerminalText.renderLine("abcdef\r\u001b[2CX\u001b[K"));
  }

  @Test
  void textErasedAtOnceIsHandedOverSoAPagerWrittenAndErasedInOneBurstIsSeen() {
    TerminalText t = new TerminalText();
    t.feed("   route 1\n    \b\u001b[7mlines 163-183 \u001b[m\u001b[K\r\u001b[KyV/gr");
    assertEquals("yV/gr", t.currentLine());
    assertEquals(List.of("   lines 163-183 "), t.takeErased());
    assertEquals(List.of(), t.takeErased());
  }

  @Test
  void aReopenedLineIsWrittenOnAgainAndTheLineThatCameAfterItIsCompleted() {
    TerminalText t = new TerminalText();
    t.feed("onu 29 ip 192.0.2.77 mask 255.255.255.0 g --More-- \u0000\r\n2026/05/25 18:52:13   ONU AutoFind\r");
    t.reopenLine(0);
    t.feed("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bw 192.0.2.1 nat enable\r\n");
    assertEquals(List.of("2026/05/25 18:52:13   ONU AutoFind", "onu 29 ip 192.0.2.77 mask 255.255.255.0 gw 192.0.2.1 nat enable"),
        t.lines());
  }
}
