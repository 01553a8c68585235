package dev.patina.collector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model says about its own change announcements (the {@code changes:} key of a model):
 * the syslog messages that mean "my configuration changed" and the SNMP notifications that do,
 * and where in them to read who made the change, on which line, from which address, with which
 * comment. Used by {@code patina serve}'s change listeners; a model without them is backed up on
 * its schedule only.
 *
 * @param syslog regexes found anywhere in a syslog message; named groups {@code user},
 *     {@code line}, {@code source}, {@code comment} are read when present
 * @param traps notifications by their snmpTrapOID, with the varbinds to read
 */
public record ChangeRules(List<Pattern> syslog, List<Trap> traps) {
  /** The named groups a syslog regex may use. */
  public static final List<String> GROUPS = List.of("user", "line", "source", "comment");
  public static final ChangeRules NONE = new ChangeRules(List.of(), List.of());

  public ChangeRules {
    syslog = List.copyOf(syslog);
    traps = List.copyOf(traps);
  }

  /**
   * A notification that means "my configuration changed".
   *
   * @param oid the snmpTrapOID.0 value
   * @param user varbind OID (prefix: the instance suffix may follow) holding the user, or null
   * @param line the same for the line or terminal
   * @param source the same for the address the change came from
   * @param comment the same for a comment
   * @param names readable names for the line's numeric values, e.g. {@code 3: console} (terminal types)
   */
  public record Trap(String oid, String user, String line, String source, String comment,
      Map<String, String> names) {
    public Trap {
      names = Map.copyOf(names);
    }

    /** Who and where, read from the varbinds ({@code value} gives a varbind's value by OID prefix, or null). */
    public Who read(Function<String, String> value) {
      String l = get(line, value);
      return new Who(get(user, value), l == null ? null : names.getOrDefault(l, l), get(source, value),
          get(comment, value));
    }

    private static String get(String oid, Function<String, String> value) {
      if (oid == null) return null;
      String v = value.apply(oid);
      return v == null || v.isBlank() ? null : v.strip();
    }
  }

  /** Who changed the configuration, as far as the message says; any part may be null. */
  public record Who(String user, String line, String source, String comment) {
    public static final Who UNKNOWN = new Who(null, null, null, null);
  }

  public boolean isEmpty() {
    return syslog.isEmpty() && traps.isEmpty();
  }

  /** Who changed the configuration when {@code message} is one of this model's change messages. */
  public Optional<Who> match(String message) {
    for (Pattern p : syslog) {
      Matcher m = p.matcher(message);
      if (m.find()) {
        return Optional.of(new Who(group(m, "user"), group(m, "line"), group(m, "source"), group(m, "comment")));
      }
    }
    return Optional.empty();
  }

  /** The rule for the notification {@code trapOid}, if it is one of this model's change notifications. */
  public Optional<Trap> trap(String trapOid) {
    return traps.stream().filter(t -> t.oid().equals(trapOid)).findFirst();
  }

  private static String group(Matcher m, String name) {
    if (!m.pattern().namedGroups().containsKey(name)) return null;
    String v = m.group(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
