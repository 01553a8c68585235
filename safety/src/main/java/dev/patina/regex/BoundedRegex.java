package dev.patina.regex;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a user's regex (from a model file or cleanup filters) with a bound: java.util.regex
 * backtracks, so a pattern such as {@code (.*){1,32000}[bc]} can run for hours on one line,
 * ignoring the device's time limit and keeping a core busy. The text is handed to the matcher
 * through a view that, every few thousand characters read, checks a time budget and the
 * thread's interrupt flag, and stops the match with {@link RegexStoppedException}. Ordinary
 * patterns finish in microseconds and never notice.
 */
public final class BoundedRegex {
  /** The longest one match may run. */
  public static final Duration BUDGET = Duration.ofSeconds(2);
  private static final int CHECK_EVERY = 4096; // a power of two

  private BoundedRegex() {}

  /** A matcher for {@code pattern} on {@code text} that stops at {@link #BUDGET} or an interrupt. */
  public static Matcher matcher(Pattern pattern, CharSequence text) {
    return matcher(pattern, text, BUDGET);
  }

  /** A matcher for {@code pattern} on {@code text} that stops after {@code budget} or an interrupt. */
  public static Matcher matcher(Pattern pattern, CharSequence text, Duration budget) {
    return pattern.matcher(new Watched(text, pattern, budget));
  }

  /** True when {@code pattern} is found in {@code text}, with the bound. */
  public static boolean find(Pattern pattern, CharSequence text) {
    return matcher(pattern, text).find();
  }

  /** The text as the matcher reads it, with the checks. */
  private static final class Watched implements CharSequence {
    private final CharSequence text;
    private final Pattern pattern;
    private final Duration budget;
    private long deadline; // set at the first check: most matches end long before it, and never read the clock
    private int reads;

    Watched(CharSequence text, Pattern pattern, Duration budget) {
      this.text = text;
      this.pattern = pattern;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if ((++reads & (CHECK_EVERY - 1)) == 0) {
        if (Thread.currentThread().isInterrupted()) {
          throw new RegexStoppedException("the regex " + shown(pattern) + " was stopped (interrupted)");
        }
        long now = System.nanoTime();
        if (deadline == 0) {
          deadline = now + budget.toNanos(); // the first reads took microseconds: the budget starts here
        } else if (now - deadline > 0) {
          throw new RegexStoppedException("the regex " + shown(pattern) + " ran longer than "
              + budget.toMillis() + " ms on one line of " + text.length() + " characters; it backtracks"
              + " without end (nested repeats such as (.*)* or (a|a)*): simplify it");
        }
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  private static String shown(Pattern p) {
    String s = p.pattern();
    return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
  }
}
