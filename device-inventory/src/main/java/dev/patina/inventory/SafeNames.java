package dev.patina.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names that become folders in the git repository (devices/NAME/...) and arguments on command
 * lines: each must be a folder name that every clone can check out on any system, and never
 * read as an option. So: letters, digits, '.', '_' and '-', beginning with a letter or digit
 * (no ".git", ".", "...", "-x"), not ending with '.', and not a name Windows reserves (CON, NUL...).
 */
public final class SafeNames {
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern WINDOWS_RESERVED = Pattern.compile("(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  private SafeNames() {}

  /** Why {@code name} cannot be used, or null when it can; the reason reads after "name ". */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) return "is empty";
    if (!ALLOWED.matcher(name).matches()) {
      return name.length() > 100 ? "is longer than 100 characters"
          : "may contain only letters, digits, '.', '_' and '-', and must begin with a letter or digit"
              + " (it becomes a folder in git)";
    }
    if (name.endsWith(".")) return "must not end with '.' (a clone on Windows cannot check that folder out)";
    if (WINDOWS_RESERVED.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
      return "is a name Windows reserves for a device (a clone there cannot check that folder out)";
    }
    return null;
  }
}
