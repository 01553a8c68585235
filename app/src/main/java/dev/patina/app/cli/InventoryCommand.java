package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.inventory.Device;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code patina inventory check}: validate patina.yaml, the models and devices.yaml. */
@Command(name = "inventory", description = "Inventory tools.",
    subcommands = {InventoryCommand.Check.class, InventoryCommand.Import.class})
public final class InventoryCommand {
  @ParentCommand Main main;

  /** Loads everything and prints a short summary, or every problem with file and line. */
  @Command(name = "check", description = "Validate patina.yaml and devices.yaml; exit 2 on errors.")
  static final class Check implements Callable<Integer> {
    @ParentCommand private InventoryCommand parent;

    @Override
    public Integer call() throws Exception {
      try (Patina patina = Patina.load(parent.main.config())) {
        Map<String, Integer> byModel = new TreeMap<>();
        for (Device d : patina.inventory().devices()) byModel.merge(d.model(), 1, Integer::sum);
        System.out.printf("%s: %d devices in %d groups, OK%n", patina.config().inventory(),
            patina.inventory().devices().size(), patina.inventory().groups().size());
        byModel.forEach((model, n) -> System.out.printf("  %-20s %d%n", model, n));
        return Main.OK;
      }
    }
  }

  /** Prints a devices.yaml made from a RANCID router.db or an Oxidized CSV source. */
  @Command(name = "import", description = "Print a devices.yaml made from a RANCID router.db or an Oxidized CSV.")
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "rancid|oxidized") private String kind;

    @picocli.CommandLine.Parameters(index = "1", paramLabel = "FILE") private java.nio.file.Path file;

    @Override
    public Integer call() throws Exception {
      if (!java.nio.file.Files.isReadable(file)) throw new Main.UsageException("cannot read " + file);
      String yaml = switch (kind) {
        case "rancid" -> dev.patina.inventory.LegacyImport.fromRancid(file);
        case "oxidized" -> dev.patina.inventory.LegacyImport.fromOxidizedCsv(file);
        default -> throw new Main.UsageException("import from \"rancid\" (router.db) or \"oxidized\" (CSV), not \""
            + kind + "\"");
      };
      System.out.print(yaml);
      return Main.OK;
    }
  }
}
