package dev.patina.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DifferTest {
  private static final String IOS = """
      hostname sw1
      !
      interface GigabitEthernet1/0/1
       description uplink
       switchport mode trunk
      !
      interface GigabitEthernet1/0/2
       description printer
       switchport access vlan 20
      !
      router bgp 65000
       neighbor 192.0.2.1 remote-as 65001
       address-family ipv4
        network 198.51.100.0 mask 255.255.255.0
       exit-address-family
      !
      end
      """;

  @Test
  void aChangedLineShowsInAHunkNamedByItsInterface() {
    String after = IOS.replace(" description printer", " description printer-3rd-floor");
    TextDiff d = Differ.diff("devices/sw1/running-config", IOS, after, 1);
    assertEquals(1, d.added());
    assertEquals(1, d.removed());
    assertEquals("""
        --- a/devices/sw1/running-config
        +++ b/devices/sw1/running-config
        @@ -7,3 +7,3 @@ interface GigabitEthernet1/0/2
         interface GigabitEthernet1/0/2
        - description printer
        + description printer-3rd-floor
          switchport access vlan 20
        """, d.unified());
  }

  @Test
  void nestedSectionsAreNamedOutermostFirst() {
    String after = IOS.replace("  network 198.51.100.0", "  network 203.0.113.0");
    TextDiff d = Differ.diff("p", IOS, after, 0);
    assertTrue(d.unified().contains("@@ router bgp 65000 > address-family ipv4\n"), d.unified());
  }

  @Test
  void junosBraceSectionsAreNamedWithoutTheirBraces() {
    String before = "interfaces {\n    ge-0/0/0 {\n        unit 0 {\n            family inet {\n"
        + "                address 192.0.2.1/24;\n            }\n        }\n    }\n}\n";
    String after = before.replace("192.0.2.1/24", "192.0.2.9/24");
    TextDiff d = Differ.diff("p", before, after, 1);
    assertTrue(d.unified().contains("@@ interfaces > ge-0/0/0 > unit 0 > family inet\n"), d.unified());
  }

  @Test
  void aNewArtifactIsAllAddedAndARemovedOneAllRemoved() {
    TextDiff added = Differ.diff("p", null, "a\nb\n", 3);
    assertEquals(2, added.added());
    assertTrue(added.unified().startsWith("--- /dev/null\n+++ b/p\n@@ -0,0 +1,2 @@\n+a\n+b\n"), added.unified());
    TextDiff removed = Differ.diff("p", "a\n", null, 3);
    assertEquals(1, removed.removed());
    assertTrue(removed.unified().startsWith("--- a/p\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n"), removed.unified());
  }

  @Test
  void identicalTextsGiveAnEmptyDiff() {
    TextDiff d = Differ.diff("p", IOS, IOS, 3);
    assertTrue(d.isEmpty());
    assertEquals("", d.unified());
  }

  @Test
  void applyingTheEditsToRandomTextsGivesTheNewTextBack() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      List<String> a = randomLines(random, random.nextInt(60));
      List<String> b = mutate(random, a);
      List<String> rebuilt = new ArrayList<>();
      int pa = 0;
      for (LineDiff.Edit e : LineDiff.edits(a, b)) {
        rebuilt.addAll(a.subList(pa, e.aStart()));
        rebuilt.addAll(b.subList(e.bStart(), e.bEnd()));
        pa = e.aEnd();
      }
      rebuilt.addAll(a.subList(pa, a.size()));
      assertEquals(b, rebuilt, "round " + round);
    }
  }

  private static List<String> randomLines(Random r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(r.nextInt(4) == 0 ? "!" : "line " + r.nextInt(25));
    return out;
  }

  private static List<String> mutate(Random r, List<String> a) {
    List<String> b = new ArrayList<>(a);
    int changes = r.nextInt(6);
    for (int c = 0; c < changes; c++) {
      int op = r.nextInt(3);
      if (op == 0 || b.isEmpty()) b.add(b.isEmpty() ? 0 : r.nextInt(b.size()), "new " + r.nextInt(10));
      else if (op == 1) b.remove(r.nextInt(b.size()));
      else b.set(r.nextInt(b.size()), "changed " + r.nextInt(10));
    }
    return b;
  }
}
