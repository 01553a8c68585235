package dev.patina.app.cli;

/** SIGHUP handling (configuration reload), where the JVM allows it. */
final class Signals {
  private Signals() {}

  @SuppressWarnings("restriction")
  static void onHangup(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("patina: SIGHUP reload is not available on this JVM (" + e.getMessage()
          + "); restart to reload");
    }
  }
}
