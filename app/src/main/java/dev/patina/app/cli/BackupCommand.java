package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.app.run.RunRequest;
import dev.patina.inventory.Device;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina backup DEVICE}: back up one device now. */
@Command(name = "backup", description = "Back up one device now, commit and mail if it changed.")
public final class BackupCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(paramLabel = "DEVICE", description = "device name from the inventory")
  private String name;

  @Mixin private RunOptions options;

  @Override
  public Integer call() throws Exception {
    options.check();
    try (Patina patina = Patina.load(main.config())) {
      Device device = Devices.find(patina, name);
      // a running service holds the lock for good: hand it the request and print its answer
      int delegated = ControlChannel.delegate(patina.store().dir(), name, !options.noMail, options.report, System.out);
      if (delegated >= 0) return delegated;
      return RunCommand.execute(patina, RunRequest.of(List.of(device), "patina backup " + name), options);
    }
  }
}
