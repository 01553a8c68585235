package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's layout of an artifact (format) and its volatile blocks (drop: { from, to }). */
class ArtifactFormatTest {
  @TempDir
  Path dir;

  @Test
  void oneLineOfJsonIsStoredOneValuePerLineInTheOrderSent() throws Exception {
    String json = "{\"passphrase\":\"x\",\"list\":[],\"obj\":{},\"users\":[{\"id\":\"0\",\"on\":true,"
        + "\"note\":\"a, b: {c}\\\"q\\\"\"}],\"n\":-1.5e3}";
    assertEquals("""
        {
          "passphrase": "x",
          "list": [],
          "obj": {},
          "users": [
            {
              "id": "0",
              "on": true,
              "note": "a, b: {c}\\"q\\""
            }
          ],
          "n": -1.5e3
        }
        """, ArtifactFormat.JSON.apply("ups1", "running-config", json));
  }

  @Test
  void jsonThatEndsEarlyIsIncompleteAndNamesWhy() {
    CollectException open = assertThrows(CollectException.class,
        () -> ArtifactFormat.JSON.apply("ups1", "running-config", "{\"a\":{\"b\":[1,2"));
    assertEquals(FailureKind.INCOMPLETE, open.kind());
    assertEquals("ups1: running-config is not complete JSON: 3 object(s) or list(s) left open; previous version kept",
        open.getMessage());
    CollectException string = assertThrows(CollectException.class,
        () -> ArtifactFormat.JSON.apply("ups1", "running-config", "{\"a\":\"unterminated"));
    assertTrue(string.getMessage().contains("it ends inside a string"), string.getMessage());
  }

  @Test
  void linesWrappedWithABackslashAreJoinedWithoutTheNextLinesIndent() throws Exception {
    String export = "/interface bridge\nadd admin-mac=00:00:5E:00:53:00 comment=defconf name=bridge \\\n"
        + "    port-cost-mode=short\n/ip pool\nadd name=dhcp ranges=\\\n    192.168.88.10-192.168.88.254\n";
    assertEquals("/interface bridge\nadd admin-mac=00:00:5E:00:53:00 comment=defconf name=bridge port-cost-mode=short\n"
        + "/ip pool\nadd name=dhcp ranges=192.168.88.10-192.168.88.254\n",
        ArtifactFormat.JOINED_LINES.apply("r1", "running-config", export));
  }

  @Test
  void aDropBlockRemovesFromItsFirstLineThroughTheClosingOneAndAnUnclosedBlockIsIncomplete() throws Exception {
    ArtifactSpec spec = new ArtifactSpec("running-config", List.of(new ArtifactSpec.Source("command", "show")),
        false, null, 0, List.of(), dev.patina.diff.CleanupRules.none(), ArtifactFormat.AS_IS,
        List.of(new ArtifactSpec.Block(Pattern.compile("^config firewall internet-service-name$"), Pattern.compile("^end$"))), List.of());
    String config = "config system global\n    set hostname fw1\nend\nconfig firewall internet-service-name\n"
        + "    edit \"Google-Web\"\n        set internet-service-id 65537\n    next\nend\nconfig router static\nend";
    assertEquals("config system global\n    set hostname fw1\nend\nconfig router static\nend",
        spec.withoutBlocks("fw1", "running-config", config));
    CollectException e = assertThrows(CollectException.class,
        () -> spec.withoutBlocks("fw1", "running-config", "config firewall internet-service-name\n    edit \"x\""));
    assertEquals(FailureKind.INCOMPLETE, e.kind());
    assertTrue(e.getMessage().contains("never ends with a line matching ^end$"), e.getMessage());
  }

  @Test
  void aModelNamesAnUnknownFormatAndAHalfDropBlockWithFileAndLine() throws Exception {
    Files.writeString(dir.resolve("acme-os.yaml"), """
        prompt: '^\\w+>$'
        artifacts:
          - name: running-config
            command: show config
            format: yaml
            drop:
              - '^! Time'
              - { from: '^<revision>$' }
        """);
    ModelException e = assertThrows(ModelException.class, () -> ModelRegistry.load(dir));
    String file = dir.resolve("acme-os.yaml").toString();
    assertEquals(List.of(
        file + ":5: artifact \"running-config\": format \"yaml\" is unknown; use json (pretty-printed) or joined-lines"
            + " (backslash-wrapped lines joined)",
        file + ":8: drop block: needs both from: (its first line) and to: (its last line)"), e.problems());
  }
}
