package dev.patina.sim;

/** One thing a simulated device received, in arrival order: check what reached the device. */
public record Received(Kind kind, String text) {
  /** How it arrived. */
  public enum Kind {
    /** A shell line, without its terminator. */
    LINE,
    /** A single keystroke (at "Press any key" or a pager). */
    KEY,
    /** A line typed at a Password: prompt; its text is masked. */
    PASSWORD,
    /** An exec request's command line. */
    EXEC
  }
}
