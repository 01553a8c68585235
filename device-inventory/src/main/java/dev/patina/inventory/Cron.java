package dev.patina.inventory;

import java.text.ParseException;
import org.quartz.CronExpression;

/**
 * Checks a Quartz cron expression (6 or 7 fields: seconds minutes hours day-of-month month
 * day-of-week [year]) with Quartz's own parser, the one {@code serve} schedules with, so
 * {@code inventory check} refuses what the scheduler would refuse ({@code 0 0 25 * * ?}).
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
      return;
    }
    try {
      CronExpression.validateExpression(expr.trim());
    } catch (ParseException e) {
      f.problem(key, "\"" + key + "\": \"" + expr + "\" is not a valid Quartz cron expression: " + e.getMessage()
          + " (fields: seconds minutes hours day-of-month month day-of-week [year])");
    }
  }
}
