package dev.patina.inventory;

/**
 * A light check of Quartz cron expressions (6 or 7 fields: seconds minutes hours
 * day-of-month month day-of-week [year]), so a typo is caught by {@code inventory check}
 * rather than at the first scheduled run.
 */
final class Cron {
  private Cron() {}

  static void check(String expr, Fields f, String key) {
    String[] parts = expr.trim().split("\\s+");
    if (parts.length < 6 || parts.length > 7) {
      f.problem(key, "\"" + key + "\" must be a Quartz cron expression with 6 or 7 fields "
          + "(seconds minutes hours day-of-month month day-of-week), e.g. \"0 0 * * * ?\"; got " + parts.length
          + " fields in \"" + expr + "\"");
      return;
    }
    if (!parts[3].equals("?") && !parts[5].equals("?")) {
      f.problem(key, "\"" + key + "\": Quartz needs '?' in day-of-month or day-of-week, e.g. \"0 0 * * * ?\"");
    }
  }
}
