package dev.patina.app.cli;

/** SIGHUP handling (configuration reload), where the JVM allows it. */
final class Signals {
  private Signals() {}

  @SuppressWarnings("restriction")
  static void onHangup(Runnable action) {
    try {
      sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
      if (before == sun.misc.SignalHandler.SIG_IGN) {
        System.err.println("patina: SIGHUP is ignored in this process (started under nohup, or by a parent that "
            + "ignores it), so kill -HUP will not reload the configuration. Start patina serve without nohup "
            + "(the systemd unit does) to reload with SIGHUP; until then a restart reloads it.");
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("patina: SIGHUP reload is not available on this JVM (" + e.getMessage()
          + "); restart to reload");
    }
  }
}
