package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The banner check finds what a walk over every line finds. */
class StructureTest {
  private static final Pattern DELIMITED = Pattern.compile("^\\s*(?:banner|header) [\\w-]+ (\\^C|\\S)(.*)$");
  private static final Pattern EOF_BANNER = Pattern.compile("^\\s*banner [\\w-]+\\s*$");

  /** The rule read line by line, as a person would check it: the reference for the fast search. */
  private static String lineByLine(String text) {
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    String open = null;
    int openedAt = 0;
    for (int i = 0; i < count; i++) {
      String l = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (open != null) {
        if (open.equals("EOF") ? l.strip().equals("EOF") : l.contains(open)) open = null;
        continue;
      }
      String s = l.replaceFirst("^[ \\t\\x0B\\f\\r]*", "");
      if (!s.startsWith("banner ") && !s.startsWith("header ")) continue;
      Matcher d = DELIMITED.matcher(s);
      if (d.matches()) {
        if (!d.group(2).contains(d.group(1))) {
          open = d.group(1);
          openedAt = i + 1;
        }
      } else if (EOF_BANNER.matcher(s).matches()) {
        open = "EOF";
        openedAt = i + 1;
      }
    }
    return open == null ? null : "the banner opened at line " + openedAt + " is never closed (no " + open + ")";
  }

  @Test
  void aBannerLeftOpenIsReportedWithItsLineAndAClosedOneIsNot() {
    String config = "hostname sw1\n!\nbanner motd ^C\nAuthorised access only\n^C\nend\n";
    assertNull(Structure.BANNERS.problem(config));
    assertEquals("the banner opened at line 3 is never closed (no ^C)",
        Structure.BANNERS.problem("hostname sw1\n!\nbanner motd ^C\nAuthorised access only\nend\n"));
    assertEquals("the banner opened at line 2 is never closed (no EOF)",
        Structure.BANNERS.problem("hostname sw1\n   banner login\nWelcome\nend\n"));
  }

  @Test
  void theSearchFindsWhatAWalkOverEveryLineFinds() {
    String[] pieces = {"hostname sw1", "banner motd ^C", "banner login ^CHello^C", "banner exec #", "  banner motd %",
        "\theader motd %", "description banner motd ^C", "xbanner motd ^C", "^C", "#", "%", "EOF", "  EOF  ",
        "banner login", "banner login  ", "banner", "interface Gi1/0/1", "", " ", "end", "text ^C more", "header "};
    String[] endings = {"\n", "\r\n", "\n"};
    Random random = new Random(3);
    int problems = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(10); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
        if (i > 0 || random.nextBoolean()) text.append(endings[random.nextInt(endings.length)]);
      }
      String want = lineByLine(text.toString());
      if (want != null) problems++;
      assertEquals(want, Structure.BANNERS.problem(text.toString()), () -> "banners in \"" + text + "\"");
    }
    assertEquals(true, problems > 1000, "texts with a banner left open: " + problems);
  }
}
