package dev.patina.bench;

import dev.patina.app.Patina;
import dev.patina.app.run.RunPipeline;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import dev.patina.sim.Capture;
import dev.patina.sim.SharedCaptures;
import dev.patina.sim.SimDevice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How soon a change reaches git: a simulated Catalyst 9200 (a recorded session, in this JVM) has
 * its running-config changed, then util-linux {@code logger} sends its {@code %SYS-5-CONFIG_I}
 * to {@code patina serve}'s listener; the figure is the time from logger having sent the message
 * (its exit) to the run's commit being done, minus the quiet period the service waits on
 * purpose. Changes are sequential: each one waits for the previous commit.
 */
final class ChangeBench {
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final String CONFIG_I = "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.10)";

  private ChangeBench() {}

  static void run(int changes, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-changes");
    try (SimDevice sim = SimDevice.replay(Capture.load(SharedCaptures.file("ios#C9200L-24P-4G_17.09.04a#simulation.yaml")))
        .start()) {
      Files.writeString(dir.resolve("patina.yaml"), """
          repository: { path: repo }
          inventory: devices.yaml
          schedule: "0 0 0 1 1 ? 2099"
          secrets: { key-file: secret.key }
          state-dir: state
          changes:
            syslog: [udp://127.0.0.1:0, tcp://127.0.0.1:0]
            quiet: %dms
          """.formatted(QUIET.toMillis()));
      Files.writeString(dir.resolve("devices.yaml"), """
          devices:
            - { name: core-sw1, host: %s, port: %d, model: cisco-ios, username: %s, password: %s }
          """.formatted(sim.host(), sim.port(), sim.username(), sim.password()));
      Path config = dir.resolve("patina.yaml");
      try (Patina patina = Patina.load(config)) { // the first version, so that each change is a change
        patina.pipeline().run(RunRequest.of(patina.inventory().devices(), "bench baseline"), RunPipeline.Progress.NONE);
      }
      BlockingQueue<Long> committed = new LinkedBlockingQueue<>();
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Service service = Service.start(config, new PrintStream(log, true), Duration.ofSeconds(5), (RunResult r) -> {
        if (r.commitId().isPresent()) committed.add(System.nanoTime());
      });
      try {
        int n = 0;
        for (String protocol : List.of("udp", "tcp")) {
          String listener = service.changeListening().stream().filter(s -> s.startsWith(protocol)).findFirst()
              .orElseThrow();
          String port = listener.substring(listener.lastIndexOf(':') + 1);
          List<Double> seconds = new ArrayList<>();
          for (int i = 0; i < changes; i++) {
            n++;
            sim.replaceInReplies("hostname LAB-SW123_9200L", "hostname LAB-SW123_9200L\nsnmp-server location bench-" + n);
            List<String> cmd = new ArrayList<>(List.of("logger", "--server", "127.0.0.1", "--port", port, "--" + protocol));
            if (protocol.equals("tcp")) cmd.add("--octet-count");
            cmd.add(CONFIG_I);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
              throw new IllegalStateException("logger failed: " + new String(p.getInputStream().readAllBytes()));
            }
            long sent = System.nanoTime();
            Long at = committed.poll(60, TimeUnit.SECONDS);
            if (at == null) throw new IllegalStateException("no commit within 60 s; service log:\n" + log);
            seconds.add((at - sent - QUIET.toNanos()) / 1e9);
          }
          Stats s = Stats.of(seconds);
          table.row(String.format(Locale.ROOT, "changes: logger (%s) sent -> commit, minus the %d ms quiet period, %d changes",
              protocol.toUpperCase(Locale.ROOT), QUIET.toMillis(), changes),
              String.format(Locale.ROOT, "median %.3f s, max %.3f s (min %.3f)", s.median(),
                  s.values().get(s.values().size() - 1), s.values().get(0)));
        }
        table.row("changes: listener counters after the benchmark", service.changeCounters().describe());
      } finally {
        service.shutdown(Duration.ofSeconds(5));
      }
    } finally {
      Bench.deleteTree(dir);
    }
  }
}
