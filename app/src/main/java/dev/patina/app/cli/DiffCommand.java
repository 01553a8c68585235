package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.diff.Differ;
import dev.patina.diff.TextDiff;
import dev.patina.store.FileVersionPair;
import dev.patina.store.RepoStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina diff DEVICE [REV1 [REV2]]}: what changed on a device between two revisions. */
@Command(name = "diff", description = "Show what changed on a device (default: the last change).")
public final class DiffCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Parameters(index = "0", paramLabel = "DEVICE") private String device;

  @Parameters(index = "1", paramLabel = "REV1", arity = "0..1",
      description = "older revision (default: the commit before REV2 that changed the device)")
  private String rev1;

  @Parameters(index = "2", paramLabel = "REV2", arity = "0..1", description = "newer revision (default: HEAD)")
  private String rev2;

  @Override
  public Integer call() throws Exception {
    try (RepoStore store = RepoStore.open(Patina.serviceConfig(main.config()).repository())) {
      if (!store.devices().contains(device)) {
        throw new Main.UsageException("no history for device \"" + device + "\"");
      }
      List<FileVersionPair> pairs = store.history().diff(device, rev1, rev2);
      boolean colour = RunPrinter.isTerminal();
      for (FileVersionPair p : pairs) {
        TextDiff d = Differ.diff(p.artifact(), p.before(), p.after(), 3);
        System.out.print(colour ? colourise(d.unified()) : d.unified());
      }
      if (pairs.isEmpty()) System.out.println("no differences");
      return Main.OK;
    }
  }

  static String colourise(String unified) {
    StringBuilder s = new StringBuilder();
    for (String line : unified.split("\n", -1)) {
      if (line.startsWith("+++") || line.startsWith("---")) s.append("\033[1m").append(line).append("\033[0m");
      else if (line.startsWith("+")) s.append("\033[32m").append(line).append("\033[0m");
      else if (line.startsWith("-")) s.append("\033[31m").append(line).append("\033[0m");
      else if (line.startsWith("@@")) s.append("\033[36m").append(line).append("\033[0m");
      else s.append(line);
      s.append('\n');
    }
    s.setLength(Math.max(0, s.length() - 1));
    return s.toString();
  }
}
