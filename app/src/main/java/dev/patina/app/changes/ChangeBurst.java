package dev.patina.app.changes;

import dev.patina.app.run.RunRequest;
import dev.patina.inventory.Device;
import java.util.List;

/**
 * The change messages of one device within one quiet period, ready to become a backup: who
 * changed it ({@code Changed-By} trailers, every user and place once) and the messages (the
 * commit body and the digest show them).
 *
 * @param more messages of the burst beyond those kept
 * @param firstNanos when the first message of the burst was received ({@link System#nanoTime()})
 */
public record ChangeBurst(Device device, List<String> changedBy, List<String> messages, int more, long firstNanos) {
  public ChangeBurst {
    changedBy = List.copyOf(changedBy);
    messages = List.copyOf(messages);
  }

  static ChangeBurst of(Device device, List<Change> changes, int more) {
    return new ChangeBurst(device, Change.changedBy(changes), changes.stream().map(Change::note).toList(), more,
        changes.isEmpty() ? System.nanoTime() : changes.get(0).nanos());
  }

  /** One device through the run pipeline, with {@code Changed-By} trailers and the messages as notes. */
  public RunRequest request() {
    RunRequest r = RunRequest.of(List.of(device), "change " + device.name());
    for (String by : changedBy) r = r.withTrailer("Changed-By", by);
    for (String m : messages) r = r.withNote(m);
    if (more > 0) r = r.withNote("(and " + more + " more change message" + (more == 1 ? "" : "s") + ")");
    return r;
  }

  /** "admin (vty0, 192.0.2.10); jdoe (pts/1)" for the service log. */
  public String who() {
    return String.join("; ", changedBy);
  }
}
