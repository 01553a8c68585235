package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.store.RepoStore;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina show DEVICE [ARTIFACT] [--rev REV]}: an artifact as stored at a revision. */
@Command(name = "show", description = "Print a device's stored artifact (default running-config).")
public final class ShowCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "DEVICE") private String device;

  @Parameters(index = "1", paramLabel = "ARTIFACT", arity = "0..1", defaultValue = "running-config",
      description = "e.g. running-config, version, state/bonding/bond0 (default: ${DEFAULT-VALUE})")
  private String artifact;

  @Option(names = "--rev", defaultValue = "HEAD", description = "revision (default: ${DEFAULT-VALUE})")
  private String rev;

  @Override
  public Integer call() throws Exception {
    try (RepoStore store = RepoStore.open(Patina.serviceConfig(main.config()).repository())) {
      Map<String, String> all = store.history().showDevice(device, rev);
      if (all.isEmpty()) throw new Main.UsageException("device \"" + device + "\" has nothing stored at " + rev);
      String text = all.get(artifact);
      if (text == null) {
        throw new Main.UsageException("device \"" + device + "\" has no artifact \"" + artifact + "\" at " + rev
            + "; it has: " + String.join(", ", all.keySet()));
      }
      System.out.print(text);
      return Main.OK;
    }
  }
}
