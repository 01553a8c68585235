package dev.patina.app.cli;

import dev.patina.sim.SimMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code patina sim --capture FILE [--port N]} or {@code --linux DIR}: a simulated device (same
 * as patina-sim). Its arguments are the simulator's own and are passed to it as written, so
 * picocli does not refuse {@code --capture} and {@code --port} as options it does not know.
 */
@Command(name = "sim", description = {
    "Run a simulated device from a recorded session, or a Linux host serving a folder.",
    "  patina sim --capture FILE [--port N] [--user U --password P]",
    "  patina sim --linux DIR [--port N] [--user U --password P]"})
public final class SimCommand implements Callable<Integer> {
  @Unmatched
  private List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    return SimMain.run(args.toArray(String[]::new));
  }
}
