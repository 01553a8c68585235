package dev.patina.app.run;

import dev.patina.inventory.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to back up and why: the devices (the whole inventory, a group, or one device), the
 * trigger that asked for it ("cron core", "patina backup", "web: back up now", "syslog
 * change"), extra commit-message trailers such as {@code Changed-By: admin (vty0, 192.0.2.10)},
 * and whether to mail.
 */
public record RunRequest(List<Device> devices, String trigger, List<String> trailers, boolean mail) {
  private static final Pattern TRAILER = Pattern.compile("[A-Za-z][A-Za-z0-9-]*: \\S.*");

  public RunRequest {
    devices = List.copyOf(devices);
    trailers = List.copyOf(trailers);
    if (trigger == null || trigger.isBlank()) throw new IllegalArgumentException("a run needs a trigger label");
    for (String t : trailers) {
      if (!TRAILER.matcher(t).matches() || t.contains("\n")) {
        throw new IllegalArgumentException("commit trailer \"" + t + "\" is not one line of the form \"Key: value\"");
      }
    }
  }

  /** Back up {@code devices} because of {@code trigger}, mail when mail is configured, no trailers. */
  public static RunRequest of(List<Device> devices, String trigger) {
    return new RunRequest(devices, trigger, List.of(), true);
  }

  /** The same request with one more trailer, e.g. {@code withTrailer("Changed-By", "admin (vty0, 192.0.2.10)")}. */
  public RunRequest withTrailer(String key, String value) {
    List<String> more = new ArrayList<>(trailers);
    more.add(key + ": " + value.replaceAll("\\s+", " ").strip());
    return new RunRequest(devices, trigger, more, mail);
  }

  /** The same request without mail (the run status is still recorded). */
  public RunRequest withoutMail() {
    return new RunRequest(devices, trigger, trailers, false);
  }
}
