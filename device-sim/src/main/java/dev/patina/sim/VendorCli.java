package dev.patina.sim;

import java.util.Collection;
import java.util.List;

/** How a vendor's CLI answers a command it does not know: the error lines, without the prompt. */
final class VendorCli {
  private VendorCli() {}

  /**
   * The error a {@code vendor} device prints for {@code line} typed after {@code prompt}.
   * {@code known} (the capture's commands) places the caret under the first word no known
   * command has at that position, like the real parsers do.
   */
  static String error(String vendor, String prompt, String line, Collection<String> known,
      String nl) {
    int column = badWordColumn(line, known);
    String word = wordAt(line, column);
    String caret = " ".repeat(Terminal.shownLastLine(prompt).length() + column) + "^";
    return switch (vendor) {
      case "junos" -> caret + nl + "unknown command." + nl;
      case "procurve" -> "Invalid input: " + word + nl;
      case "aoscx" -> "Invalid input: " + word + nl;
      case "eos" -> "% Invalid input" + nl;
      case "nxos" -> caret + nl + "% Invalid command at '^' marker." + nl;
      case "asa" -> caret + nl + "ERROR: % Invalid input detected at '^' marker." + nl;
      case "h3c", "comware", "hpe" ->
          caret + nl + " % Unrecognized command found at '^' position." + nl;
      case "routeros" -> "bad command name " + word + " (line 1 column " + (column + 1) + ")" + nl;
      case "vyos", "edgeos" -> nl + "  Invalid command: [ " + line.trim() + " ]" + nl + nl;
      case "linux", "linuxgeneric", "cumulus" -> "-bash: " + word + ": command not found" + nl;
      case "garderos" -> "Unknown command '" + word + "'." + nl;
      case "tnsr" -> "\rCLI syntax error: \"" + line.trim() + "\": Unknown command" + nl;
      case "fortigate", "fortios" -> nl + "command parse error before '" + word + "'" + nl
          + "Command fail. Return code -61" + nl + nl;
      case "mlnxos" -> "% Unrecognized command \"" + word + "\"." + nl + "Type \"?\" for help." + nl;
      case "ironware", "fastiron" -> "Invalid input -> " + line.substring(Math.min(column, line.length())).trim() + nl
          + "Type ? for a list" + nl;
      case "apcaos" -> "E101: Command Not Found" + nl;
      case "vrp" -> caret + nl + "Error: Unrecognized command found at '^' position." + nl;
      case "panos" -> "Unknown command: " + word + nl;
      case "os10" -> caret + nl + "% Invalid input detected at '^' marker." + nl;
      case "xos" -> caret + nl + "%% Invalid input detected at '^' marker." + nl;
      case "aireos" -> nl + "Incorrect usage. Use the '?' or <TAB> key to list commands." + nl + nl;
      case "tmos" -> "Syntax Error: \"" + word + "\" unknown property" + nl;
      case "gaiaos" -> "CLINFR0329  Invalid command:'" + line.trim() + "'." + nl;
      case "srosmd" -> caret + nl + "MINOR: MGMT_CORE #2201: Unknown element - '" + word + "'" + nl;
      default -> caret + nl + "% Invalid input detected at '^' marker." + nl + nl;
    };
  }

  /** Column of the first word of {@code line} that no known command has after the same words. */
  static int badWordColumn(String line, Collection<String> known) {
    List<String> typed = List.of(line.trim().split("\\s+"));
    int leading = line.length() - line.stripLeading().length();
    int column = leading;
    for (int i = 0; i < typed.size(); i++) {
      final int depth = i;
      boolean matches = known.stream()
          .map(k -> Terminal.stripTerminator(k).trim().split("\\s+"))
          .anyMatch(k -> k.length > depth && samePrefix(k, typed, depth));
      if (!matches) {
        return column;
      }
      column = line.indexOf(typed.get(i), column) + typed.get(i).length();
      while (column < line.length() && Character.isWhitespace(line.charAt(column))) {
        column++;
      }
    }
    return Math.min(column, line.length());
  }

  private static boolean samePrefix(String[] known, List<String> typed, int upTo) {
    for (int i = 0; i <= upTo; i++) {
      if (!known[i].equals(typed.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String wordAt(String line, int column) {
    String rest = line.substring(Math.min(column, line.length())).trim();
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }
}
