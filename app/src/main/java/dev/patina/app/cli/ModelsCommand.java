package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code patina models}: the device models available, built-in and the user's, with their source. */
@Command(name = "models", description = "List device models and where each comes from.")
public final class ModelsCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  @Override
  public Integer call() throws Exception {
    ModelRegistry models = ModelRegistry.load(Patina.serviceConfig(main.config()).modelsDir());
    models.all().stream().sorted(Comparator.comparing(Model::name))
        .forEach(m -> System.out.printf("%-24s %s%n", m.name(), m.source()));
    return Main.OK;
  }
}
