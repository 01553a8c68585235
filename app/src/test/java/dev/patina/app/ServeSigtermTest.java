package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.sim.Fault;
import dev.patina.store.RepoLock;
import dev.patina.store.RepoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patina serve} as a real process, stopped with SIGTERM in the middle of a run. */
class ServeSigtermTest {
  @Test
  void sigtermDuringARunLetsTheDeviceInFlightFinishCommitsItAndReleasesTheLock(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", "ios#C9200L-24P-4G_17.09.04a")) {
      fleet.service("schedule: \"0 0 0 1 1 ? 2099\"");
      fleet.devices.get("core-sw1").fault(Fault.slow(Duration.ofMillis(400)));
      Path log = dir.resolve("serve.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "--config", fleet.config().toString(), "serve", "--run-now", "--grace", "60")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        // in flight: the device has been asked for its version but not yet for its configuration
        await(() -> fleet.devices.get("core-sw1").received().stream().anyMatch(r -> r.text().startsWith("show ")),
            Duration.ofSeconds(60), serve, log);
        serve.destroy(); // SIGTERM
        assertTrue(serve.waitFor(90, TimeUnit.SECONDS), "serve did not stop:\n" + Files.readString(log));
      } finally {
        serve.destroyForcibly();
      }
      String out = Files.readString(log);
      assertTrue(out.contains("stopping"), out);
      assertTrue(out.contains("run schedule default: committed ") && out.contains(": 0 changed, 1 new, 0 unchanged, 0 failed"), out);
      assertTrue(out.contains("stopped"), out);
      try (RepoStore store = RepoStore.open(dir.resolve("repo")); RepoLock lock = store.lock(Duration.ZERO)) {
        assertEquals(List.of("core-sw1"), List.copyOf(store.devices()));
        assertTrue(store.read("core-sw1", "running-config").orElseThrow().trim().endsWith("end"));
      }
    }
  }

  @Test
  void sighupReloadsTheInventoryAndABrokenOneIsRefusedWhileTheOldOneKeepsRunning(@TempDir Path dir)
      throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", "ios#C9200L-24P-4G_17.09.04a")
        .ios("edge-rtr1", "ios#asr920_16.8.1b")) {
      fleet.service("schedule: \"0 0 0 1 1 ? 2099\"");
      Path config = fleet.config();
      Path devices = dir.resolve("devices.yaml");
      String full = Files.readString(devices);
      String firstOnly = full.lines().filter(l -> !l.contains("edge-rtr1")).reduce("", (a, b) -> a + b + "\n");
      Files.writeString(devices, firstOnly);
      Path log = dir.resolve("serve.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // SIGHUP as a service manager leaves it, even when this test runs under nohup (which the child would inherit)
      Process serve = new ProcessBuilder("env", "--default-signal=HUP", java, "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "--config", config.toString(), "serve").redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      try {
        await(() -> read(log).contains("1 device, next run"), Duration.ofSeconds(60), serve, log);
        assertFalse(read(log).contains("SIGHUP is ignored"), read(log));
        Files.writeString(devices, full);
        hangup(serve);
        await(() -> read(log).contains("reloaded") && read(log).contains("2 devices"), Duration.ofSeconds(60), serve, log);
        Files.writeString(devices, full.replace("model: cisco-ios", "model: cisco-iox"));
        hangup(serve);
        await(() -> read(log).contains("reload refused"), Duration.ofSeconds(60), serve, log);
        assertTrue(read(log).contains("unknown model \"cisco-iox\""), read(log));
        assertTrue(serve.isAlive(), "a broken inventory does not stop the service");
        serve.destroy();
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS));
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void aServiceStartedWithSighupIgnoredSaysThatKillHupWillNotReloadIt(@TempDir Path dir) throws Exception {
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", "ios#C9200L-24P-4G_17.09.04a")) {
      fleet.service("schedule: \"0 0 0 1 1 ? 2099\"");
      Path log = dir.resolve("serve.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process serve = new ProcessBuilder("env", "--ignore-signal=HUP", java, "-cp", System.getProperty("java.class.path"),
          Main.class.getName(), "--config", fleet.config().toString(), "serve", "--no-web").redirectErrorStream(true)
          .redirectOutput(log.toFile()).start(); // as under nohup
      try {
        await(() -> read(log).contains("1 device, next run"), Duration.ofSeconds(60), serve, log);
        assertTrue(read(log).contains("patina: SIGHUP is ignored in this process (started under nohup"), read(log));
      } finally {
        serve.destroyForcibly();
      }
    }
  }

  private static void hangup(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).start();
    assertEquals(0, kill.waitFor());
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private static void await(BooleanSupplier condition, Duration limit, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("serve never got to the device; log:\n" + Files.readString(log));
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }
}
