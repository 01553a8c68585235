package dev.patina.app.cli;

import dev.patina.app.Main;

/** Checks of numeric command-line options: picocli reads any number, not every number makes sense. */
final class Numbers {
  private Numbers() {}

  /** Refuses {@code value} below {@code min} as a usage error naming the option (exit 2). */
  static void atLeast(String option, long value, long min, String unit) throws Main.UsageException {
    if (value < min) {
      throw new Main.UsageException(option + " " + value + ": give " + (min == 0 ? "0 or more" : min + " or more")
          + " " + unit);
    }
  }
}
