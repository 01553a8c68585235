package dev.patina.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 2: Quartz's JDBC job-store tables for PostgreSQL, from the script Quartz ships
 * in its jar ({@code tables_postgres.sql}), so the tables match the Quartz on the classpath. The
 * script's {@code DROP TABLE} and {@code COMMIT} statements are left out: a migration creates,
 * and Flyway owns the transaction.
 */
public final class V2__Quartz_job_store extends BaseJavaMigration {
  static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement st = context.getConnection().createStatement()) {
      for (String sql : statements()) st.execute(sql);
    }
  }

  /** The script's CREATE statements, in order. */
  static List<String> statements() throws IOException {
    String text;
    try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(SCRIPT)) {
      if (in == null) throw new IOException("Quartz's " + SCRIPT + " is missing from the classpath");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder noComments = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.strip().startsWith("--")) noComments.append(line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String part : noComments.toString().split(";")) {
      String sql = part.strip();
      String upper = sql.toUpperCase(Locale.ROOT);
      if (sql.isEmpty() || upper.startsWith("DROP ") || upper.equals("COMMIT")) continue;
      out.add(sql);
    }
    if (out.stream().noneMatch(s -> s.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE QRTZ_LOCKS"))) {
      throw new IOException("Quartz's " + SCRIPT + " no longer creates QRTZ_LOCKS; check the Quartz upgrade");
    }
    return out;
  }
}
