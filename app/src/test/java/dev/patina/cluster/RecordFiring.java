package dev.patina.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** A test job that writes each firing (its scheduled time and the node that ran it) to the database. */
public class RecordFiring implements Job {
  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    try {
      ClusterDatabase db = (ClusterDatabase) context.getScheduler().getContext().get(ClusterScheduler.DATABASE);
      try (Connection c = db.connection(); PreparedStatement st = c.prepareStatement(
          "INSERT INTO test_firings (scheduled, node) VALUES (?, ?)")) {
        st.setTimestamp(1, new Timestamp(context.getScheduledFireTime().getTime()));
        st.setString(2, db.settings().node());
        st.executeUpdate();
      }
    } catch (Exception e) {
      throw new JobExecutionException(e);
    }
  }
}
