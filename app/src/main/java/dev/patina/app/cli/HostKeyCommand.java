package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.inventory.Device;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina hostkey forget DEVICE}: accept a device's new host key on the next run. */
@Command(name = "hostkey", description = "Host key tools.", subcommands = HostKeyCommand.Forget.class)
public final class HostKeyCommand {
  @ParentCommand Main main;

  /** Removes the recorded key so the next connection records the new one (trust on first use). */
  @Command(name = "forget", description = "Forget a device's recorded host key (after a replacement).")
  static final class Forget implements Callable<Integer> {
    @ParentCommand private HostKeyCommand parent;

    @Parameters(paramLabel = "DEVICE") private String name;

    @Override
    public Integer call() throws Exception {
      try (Patina patina = Patina.load(parent.main.config())) {
        Device d = Devices.find(patina, name);
        patina.hostKeys().forget(d.host(), d.port());
        System.out.printf("forgot the host key of %s (%s:%d); the next backup records the key it presents%n",
            d.name(), d.host(), d.port());
        return Main.OK;
      }
    }
  }
}
