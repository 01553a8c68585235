package dev.patina.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {
  private static final Pattern CATASTROPHIC = Pattern.compile("(.*){1,32000}[bc]");
  private static final String LINE = "a".repeat(40);

  @Test
  void aCatastrophicPatternStopsAtItsBudgetWithAClearReason() {
    RegexStoppedException e = assertThrows(RegexStoppedException.class,
        () -> BoundedRegex.matcher(CATASTROPHIC, LINE, Duration.ofMillis(200)).find());
    assertTrue(e.getMessage().startsWith("the regex '(.*){1,32000}[bc]' ran longer than 200 ms on one line"), e.getMessage());
  }

  @Test
  void aCatastrophicPatternStopsWhenItsThreadIsInterrupted() throws Exception {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        BoundedRegex.matcher(CATASTROPHIC, LINE, Duration.ofHours(1)).find();
        outcome.set(new AssertionError("finished"));
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    Thread.sleep(100);
    t.interrupt();
    t.join(Duration.ofSeconds(10));
    assertInstanceOf(RegexStoppedException.class, outcome.get());
    assertTrue(outcome.get().getMessage().contains("interrupted"), outcome.get().getMessage());
  }

  @Test
  void anOrdinaryPatternFindsItsGroupsAsBefore() {
    Matcher m = BoundedRegex.matcher(Pattern.compile("secret (?<secret>\\S+)"), "enable secret 5 $1$abc");
    assertTrue(m.find());
    assertEquals("5", m.group("secret"));
  }
}
