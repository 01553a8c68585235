package dev.patina.app;

import dev.patina.app.cli.BackupCommand;
import dev.patina.app.cli.DemoCommand;
import dev.patina.app.cli.DiffCommand;
import dev.patina.app.cli.HostKeyCommand;
import dev.patina.app.cli.InventoryCommand;
import dev.patina.app.cli.LogCommand;
import dev.patina.app.cli.ModelsCommand;
import dev.patina.app.cli.RunCommand;
import dev.patina.app.cli.SecretsCommand;
import dev.patina.app.cli.ShowCommand;
import dev.patina.app.cli.ServeCommand;
import dev.patina.app.cli.SimCommand;
import dev.patina.app.cli.UserCommand;
import dev.patina.app.cli.WebCommand;
import dev.patina.collector.ModelException;
import dev.patina.diff.SecretKeyException;
import dev.patina.inventory.ConfigException;
import dev.patina.store.LockBusyException;
import dev.patina.store.StoreException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code patina} command line: exit 0 all good, 1 a device or the run failed, 2 bad usage or config. */
@Command(name = "patina", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = Main.VERSION,
    description = "Backs up network device configuration and state into git and mails what changed.",
    subcommands = {RunCommand.class, BackupCommand.class, LogCommand.class, ShowCommand.class,
        DiffCommand.class, InventoryCommand.class, ModelsCommand.class, HostKeyCommand.class,
        ServeCommand.class, WebCommand.class, UserCommand.class, DemoCommand.class, SimCommand.class, SecretsCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  /** What {@code patina --version} prints. */
  public static final String VERSION = "patina 0.1.0";

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
      description = "patina.yaml to use (default: ./patina.yaml, else defaults for this folder)")
  private Path config;

  public Path config() {
    return config;
  }

  public static void main(String[] args) {
    // `patina --version` answers before picocli builds the model of every subcommand (reflection
    // over a dozen annotated classes): a cold JVM prints it in about a third of the time.
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      System.out.println(VERSION);
      System.exit(OK);
    }
    DebugLog.configure(System.getenv());
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit status (tests call this). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      var err = cmd.getErr();
      switch (e) {
        case ConfigException ce -> {
          err.println(ce.getMessage());
          err.println("patina: configuration has errors; nothing was changed.");
          return USAGE;
        }
        case ModelException me -> {
          err.println(me.getMessage());
          return USAGE;
        }
        case LockBusyException lb -> {
          err.println("patina: " + lb.getMessage());
          return FAILED;
        }
        case StoreException se -> {
          err.println("patina: repository: " + se.getMessage());
          return FAILED;
        }
        case SecretKeyException ke -> {
          err.println("patina: " + ke.getMessage());
          return USAGE;
        }
        case dev.patina.app.changes.ListenException le -> {
          err.println("patina: " + le.getMessage());
          return FAILED;
        }
        case dev.patina.cluster.ClusterStartException cs -> {
          err.println("patina: cluster: " + cs.getMessage());
          return FAILED;
        }
        case UsageException ue -> {
          err.println("patina: " + ue.getMessage());
          return USAGE;
        }
        default -> {
          err.println("patina: " + e);
          if (DebugLog.file() != null) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("unexpected failure", e);
            err.println("patina: a bug in Patina; the details are in " + DebugLog.file() + " (please report them)");
          } else {
            e.printStackTrace(err);
          }
          return FAILED;
        }
      }
    });
    return cli.execute(args);
  }

  /** A mistake in what the user asked for (unknown device, artifact...): exit status 2. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }
}
