package dev.patina.collector.netconf;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;

/**
 * Attribute names dropped from stored XML because they change without a configuration change
 * (Junos change timestamps and the like). A name with a colon ({@code junos:changed-seconds})
 * matches that prefix and local name as the device writes them; a name without one
 * ({@code last-modified}) matches the local name in any namespace. {@code *} matches any run
 * of characters ({@code junos:changed-*}).
 */
public final class VolatileAttributes {
  /** Junos change and commit stamps, and the common {@code last-modified}. */
  public static final VolatileAttributes DEFAULT = new VolatileAttributes(List.of(
      "junos:changed-seconds", "junos:changed-localtime", "junos:commit-seconds", "junos:commit-localtime",
      "junos:commit-user", "last-modified"));

  public static final VolatileAttributes NONE = new VolatileAttributes(List.of());

  private final List<String> names;
  private final List<Pattern> qualified = new ArrayList<>();
  private final List<Pattern> local = new ArrayList<>();

  public VolatileAttributes(List<String> names) {
    this.names = List.copyOf(names);
    for (String name : this.names) (name.indexOf(':') >= 0 ? qualified : local).add(glob(name));
  }

  /** The names as configured. */
  public List<String> names() {
    return names;
  }

  /** True if {@code attribute} is one to drop. */
  public boolean matches(Attr attribute) {
    String localName = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
    String prefix = attribute.getPrefix();
    String qualifiedName = prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
    for (Pattern p : qualified) if (p.matcher(qualifiedName).matches()) return true;
    for (Pattern p : local) if (p.matcher(localName).matches()) return true;
    return false;
  }

  private static Pattern glob(String name) {
    StringBuilder regex = new StringBuilder();
    for (String part : name.split("\\*", -1)) {
      if (regex.length() > 0) regex.append(".*");
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VolatileAttributes v && v.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "VolatileAttributes" + names;
  }
}
