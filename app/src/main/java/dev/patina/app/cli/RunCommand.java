package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.inventory.Device;
import dev.patina.store.RepoLock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patina run}: back up every device (or one group) once, commit, mail the digest. */
@Command(name = "run", description = "Back up all devices once (what a cron line calls).")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Option(names = "--group", description = "only the devices of this group")
  private String group;

  @Mixin private RunOptions options;

  @Override
  public Integer call() throws Exception {
    options.check();
    try (Patina patina = Patina.load(main.config())) {
      List<Device> devices = patina.inventory().devices().stream()
          .filter(d -> group == null || group.equals(d.group())).toList();
      if (devices.isEmpty()) {
        throw new Main.UsageException(group == null ? "the inventory " + patina.config().inventory()
            + " has no devices" : "no device is in group \"" + group + "\"");
      }
      return execute(patina, RunRequest.of(devices, group == null ? "patina run" : "patina run --group " + group),
          options);
    }
  }

  /** Shared by {@code run} and {@code backup}: lock, run the pipeline, print, report. */
  static int execute(Patina patina, RunRequest request, RunOptions options) throws Exception {
    if (options.noMail) request = request.withoutMail();
    RunPrinter printer = new RunPrinter(System.out, System.err, RunPrinter.isTerminal());
    printer.nameWidth(request.devices().stream().mapToInt(d -> d.name().length()).max().orElse(8));
    RunResult result;
    try (RepoLock lock = patina.store().lock(options.lockWaitDuration())) {
      lock.notices().forEach(n -> System.err.println("patina: " + n));
      result = patina.pipeline().run(request, printer);
    }
    printer.summary(result);
    if (options.report != null) {
      try {
        RunReportJson.write(result, options.report);
      } catch (java.io.IOException e) {
        System.err.println("patina: " + e.getMessage());
        return Math.max(1, result.exitCode()); // a lost report must not look like a clean run to cron
      }
    }
    return result.exitCode();
  }
}
