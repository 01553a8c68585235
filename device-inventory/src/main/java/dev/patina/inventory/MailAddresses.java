package dev.patina.inventory;

import java.util.regex.Pattern;

/** What a mail address in the configuration must look like: local@domain, optionally "Name <local@domain>". */
final class MailAddresses {
  private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;.]+(\\.[^@\\s<>\",;.]+)*");
  private static final Pattern NAMED = Pattern.compile("[^<>]*<(?<address>[^<>]+)>");

  private MailAddresses() {}

  static boolean valid(String text) {
    String s = text.strip();
    java.util.regex.Matcher named = NAMED.matcher(s);
    return ADDRESS.matcher(named.matches() ? named.group("address").strip() : s).matches();
  }
}
