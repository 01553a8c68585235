package dev.patina.app.cli;

import dev.patina.sim.SimMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code patina sim --capture FILE [--port N]}: run a simulated device (same as patina-sim). */
@Command(name = "sim", description = "Run a simulated device from a recorded session (see patina-sim --help).")
public final class SimCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "ARGS", description = "--capture FILE [--port N] | --linux DIR")
  private String[] args = new String[0];

  @Override
  public Integer call() {
    return SimMain.run(args);
  }
}
