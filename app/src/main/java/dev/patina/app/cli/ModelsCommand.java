package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code patina models}: every device model, one line each: where it comes from (built-in or
 * the user's file), what it was proven on (recorded sessions of real devices, or only a session
 * written from the vendor's documentation), how Patina reaches the device, what it stores.
 */
@Command(name = "models", description = "List device models: source, proof, transports and artifacts.")
public final class ModelsCommand implements Callable<Integer> {
  @ParentCommand private Main main;

  private static final String FORMAT = "%-24s %-9s %-25s %-20s %s%n";

  @Override
  public Integer call() throws Exception {
    ModelRegistry models = ModelRegistry.load(Patina.serviceConfig(main.config()).modelsDir());
    System.out.printf(FORMAT, "MODEL", "SOURCE", "PROOF", "TRANSPORTS", "ARTIFACTS");
    models.all().stream().sorted(Comparator.comparing(Model::name)).forEach(m -> System.out.print(row(m)));
    return Main.OK;
  }

  /** One model's line. A user's model names its file at the end. */
  static String row(Model m) {
    boolean builtIn = m.source().equals("built-in");
    String line = String.format(FORMAT, m.name(), builtIn ? "built-in" : "user", proof(m),
        String.join(", ", transports(m)), String.join(", ", m.artifacts().stream().map(ArtifactSpec::name).toList()));
    return builtIn ? line : line.stripTrailing() + "   (" + m.source() + ")" + System.lineSeparator();
  }

  /** "recorded", "documented, not recorded", or "-" for a model that does not say. */
  static String proof(Model m) {
    return switch (m.proof()) {
      case "recorded" -> "recorded";
      case "documented" -> "documented, not recorded";
      default -> "-";
    };
  }

  /** How Patina reaches the device for this model's artifacts, in the order first needed. */
  static List<String> transports(Model m) {
    Set<String> out = new LinkedHashSet<>();
    for (ArtifactSpec a : m.artifacts()) {
      for (ArtifactSpec.Source s : a.sources()) {
        switch (s.kind()) {
          case "command" -> out.add(m.session() == Model.Session.SHELL ? "ssh shell" : "ssh exec");
          case "file", "sysctl", "bonding", "vrrp" -> { // SFTP, else cat (and ip) over exec
            out.add("sftp");
            out.add("ssh exec");
          }
          default -> out.add(s.kind()); // scp, netconf, snmp and plugged-in kinds name their transport
        }
      }
    }
    return new ArrayList<>(out);
  }
}
