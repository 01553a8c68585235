package dev.patina.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest {

  @Test
  void everyCaptureInTheSharedFolderParses() throws IOException {
    List<Path> files = Captures.all();
    assertTrue(files.size() >= 13, "captures found in " + Captures.dir() + ": " + files.size());
    for (Path file : files) {
      Capture capture = Capture.load(file);
      String prefix = file.getFileName().toString().split("#")[0];
      assertEquals(prefix, capture.vendor(), file.toString());
      assertFalse(capture.commands().isEmpty(), file + " has commands");
      for (Map.Entry<String, String> e : capture.commands()) {
        assertTrue(e.getKey().endsWith("\n"), file + ": key " + e.getKey() + " keeps its terminator");
        assertFalse(e.getValue().contains("\\e") || e.getValue().contains("\\x20"),
            file + ": reply to " + e.getKey() + " still holds a Ruby escape");
      }
    }
  }

  @Test
  void blockScalarRepliesAreDecodedAsRubyStringsByteForByte() throws IOException {
    Capture aoscx = Captures.load("aoscx#6100");
    assertEquals("\nTEST-SW1235# ", aoscx.initPrompt());
    assertEquals("no page\nTEST-SW1235# ", aoscx.reply("no page\n").orElseThrow());

    Capture h3c = Captures.load("h3c#");
    assertEquals("screen-length disable\r\n<test5130st1>",
        h3c.reply("screen-length disable\n").orElseThrow());

    Capture procurve = Captures.load("procurve#");
    assertTrue(procurve.initPrompt().endsWith(
        "\u001b[1;13r\u001b[1;1H\u001b[24;1HPress any key to continue\u001b[13;1H\u001b[?25h\u001b[24;27H"));
    assertTrue(procurve.initPrompt().startsWith("Aruba JL322A 2930M-48G-PoE+ Switch\r\r\n"));
    assertTrue(procurve.reply("show running-config\n").orElseThrow()
        .contains("hostname \"XXXXXXXXX\"\r\nmodule 1 type jl322a\r\n"));
    assertEquals("", procurve.reply("y\n").orElseThrow());

    Capture asa = Captures.load("asa#");
    assertTrue(asa.reply("show version\n").orElseThrow()
        .contains("System image file is \"disk0:/asa9-12-4-67-smp-k8.bin\"\n"));
    assertTrue(asa.initPrompt().endsWith("\n\rLAB-ASA12-Oxidized-IPv6> "));

    Capture junos = Captures.load("junos#");
    assertEquals("", junos.reply("exit\n").orElseThrow());
    assertEquals("Screen length set to 0", junos.reply("set cli screen-length 0\n").orElseThrow());
    assertTrue(junos.reply("show system license\n").orElseThrow()
        .contains("\n\t\t\t\t  Feature      Feature     Feature\n"));

    assertEquals("", Captures.load("routeros#").initPrompt());
  }

  @Test
  void theListFormIsOrderedAndTheMapFormIsNot() throws IOException {
    Capture list = Captures.load("procurve#");
    assertTrue(list.ordered());
    assertEquals("\n", list.commands().get(0).getKey());
    assertEquals("n\n", list.commands().get(list.commands().size() - 1).getKey());
    assertFalse(Captures.load("ios#C9200L").ordered());
  }

  @Test
  void rubyEscapesCoverControlsOctalHexAndUnicode() {
    assertEquals("\u0007A\u0041B\u0000 \"\\\u001b[0m\t\r\n\u000b\f\b x",
        RubyEscapes.decode("\\a\\101\\u0041\\x42\\0\\x20\\\"\\\\\\e[0m\\t\\r\\n\\v\\f\\b\\sx"));
    assertEquals("AB\u00e9", RubyEscapes.decode("\\u{41 42}\\u00e9"));
    assertEquals("#{x} \\", RubyEscapes.decode("\\#{x} \\"));
  }

  @Test
  void aBrokenCaptureNamesTheFileTheLineAndTheProblem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ios#broken#simulation.yaml");
    Files.writeString(file, "init_prompt: x\ncommands:\n  - \"a\\n\": b\n  - just text\n");
    IOException e = assertThrows(IOException.class, () -> Capture.load(file));
    assertTrue(e.getMessage().contains(file + ":4: each list item under 'commands'"),
        e.getMessage());

    Files.writeString(file, "init_prompt: x\ncommands: [unclosed\n");
    e = assertThrows(IOException.class, () -> Capture.load(file));
    assertTrue(e.getMessage().startsWith(file + ":") && e.getMessage().contains("not valid YAML"),
        e.getMessage());

    Files.writeString(file, "init_prompt: x\n");
    e = assertThrows(IOException.class, () -> Capture.load(file));
    assertTrue(e.getMessage().contains("no 'commands' key"), e.getMessage());
  }
}
