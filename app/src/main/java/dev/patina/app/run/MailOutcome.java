package dev.patina.app.run;

import dev.patina.notify.FlushResult;
import java.util.List;

/**
 * What became of a run's mail: how many messages it put in the outbox, what the outbox's flush
 * did (with messages earlier runs left), and messages that could not even be queued.
 */
public record MailOutcome(int queued, FlushResult flush, List<String> problems) {
  public MailOutcome {
    problems = List.copyOf(problems);
  }

  /** True when there is something to tell: mail queued, sent, kept or refused. */
  public boolean worthTelling() {
    return queued > 0 || flush.sent() > 0 || flush.pending() != 0 || flush.rejected() > 0;
  }

  /** "2 messages sent, 1 kept in the outbox for the next run (...)". */
  public String describe() {
    String s = flush.sent() + " message" + (flush.sent() == 1 ? "" : "s") + " sent";
    if (flush.rejected() > 0) {
      s += ", " + flush.rejected() + " refused for good by the server, set aside in the outbox's rejected/ folder "
          + "with its reply (check the mail-to addresses)";
    }
    if (flush.pending() > 0) {
      s += ", " + flush.pending() + " kept in the outbox for the next run (" + flush.lastError() + ")";
    }
    return s;
  }
}
