package dev.patina.cluster;

import dev.patina.inventory.ClusterSettings;
import dev.patina.inventory.Secret;
import java.time.Duration;
import java.util.List;
import org.quartz.Scheduler;

/**
 * A second cluster node in its own JVM for {@link ClusterSchedulerTest}: opens the database,
 * runs a clustered scheduler for the given seconds, then shuts down.
 * Arguments: url user password node seconds.
 */
public final class ClusterNodeMain {
  private ClusterNodeMain() {}

  public static void main(String[] args) throws Exception {
    ClusterSettings s = new ClusterSettings(args[0], args[1], new Secret(args[2]), args[3], List.of("default"));
    Scheduler scheduler = ClusterScheduler.create(ClusterDatabase.open(s), 2, Duration.ofMillis(1000));
    scheduler.start();
    System.out.println("started " + args[3]);
    Thread.sleep(Long.parseLong(args[4]) * 1000);
    scheduler.shutdown(true);
    System.out.println("stopped " + args[3]);
  }
}
