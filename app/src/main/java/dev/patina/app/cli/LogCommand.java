package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.inventory.ServiceConfig;
import dev.patina.store.CommitInfo;
import dev.patina.store.RepoStore;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina log DEVICE}: the commits that changed one device, newest first. */
@Command(name = "log", description = "List the commits that changed a device (newest first).")
public final class LogCommand implements Callable<Integer> {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());

  @ParentCommand private Main main;

  @Parameters(paramLabel = "DEVICE", arity = "0..1", description = "device name (all devices when omitted)")
  private String device;

  @Option(names = {"-n", "--max"}, defaultValue = "20", description = "at most this many (default: ${DEFAULT-VALUE})")
  private int max;

  @Option(names = {"-p", "--patch"}, description = "show each commit's diff of the device (secrets masked)")
  private boolean patch;

  @Override
  public Integer call() throws Exception {
    Numbers.atLeast("-n", max, 1, "commits");
    ServiceConfig config = Patina.serviceConfig(main.config());
    if (patch && device == null) throw new Main.UsageException("log -p needs a device: patina log -p DEVICE");
    try (RepoStore store = RepoStore.open(config.repository())) {
      if (device != null && !store.devices().contains(device)) {
        throw new Main.UsageException("no history for device \"" + device + "\" in " + 
            Patina.serviceConfig(main.config()).repository());
      }
      List<CommitInfo> log = store.history().log(device, max);
      ShownText shown = patch ? ShownText.of(main.config(), config) : null;
      for (CommitInfo c : log) {
        String subject = c.message().lines().findFirst().orElse("");
        System.out.println(c.shortId() + "  " + TIME.format(c.time()) + "  " + subject);
        if (patch) {
          DiffCommand.print(store.history().diff(device, null, c.id()), device, shown, RunPrinter.isTerminal());
          System.out.println();
        }
      }
      return Main.OK;
    }
  }
}
