package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line builds only the subcommand it is given, and that one as the whole model has it. */
class MainTest {
  @Test
  void everySubcommandIsListedUnderTheNameItsCommandAnnotationGives() {
    for (Map.Entry<String, Class<?>> e : Main.COMMANDS.entrySet()) {
      assertEquals(e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
    }
  }

  @Test
  void aSubcommandAloneHasTheSameUsageOptionsAndSubcommandsAsInTheWholeModel() {
    CommandLine full = Main.commandLine();
    assertEquals(List.copyOf(Main.COMMANDS.keySet()), List.copyOf(full.getSubcommands().keySet()));
    for (String name : Main.COMMANDS.keySet()) {
      CommandLine alone = Main.commandLine(List.of(name)).getSubcommands().get(name);
      sameModel(full.getSubcommands().get(name), alone, name);
    }
  }

  @Test
  void everySubcommandInheritsTheConfigAndHelpOptions() {
    for (CommandLine sub : Main.commandLine().getSubcommands().values()) {
      if (sub.getCommandName().equals("help")) {
        continue;
      }
      for (String option : List.of("-c", "--config", "-h", "--help", "-V", "--version")) {
        assertTrue(sub.getCommandSpec().findOption(option) != null, sub.getCommandName() + " has " + option);
      }
    }
  }

  @Test
  void theCommandWordSkipsOptionsAndTheConfigFilesValue() {
    assertEquals("log", Main.commandWord("-c", "backup", "log", "sw1"));
    assertEquals("backup", Main.commandWord("--config", "p.yaml", "backup", "sw1"));
    assertEquals("backup", Main.commandWord("--config=p.yaml", "backup"));
    assertEquals("inventory", Main.commandWord("inventory", "check"));
    assertNull(Main.commandWord("--help"));
    assertNull(Main.commandWord());
  }

  @Test
  void onlyTheNamedSubcommandIsBuiltAndAnythingElseGetsTheWholeModel() {
    assertEquals(Set.of("backup"), Main.commandLineFor("-c", "p.yaml", "backup", "sw1").getSubcommands().keySet());
    assertEquals(Set.of("inventory"), Main.commandLineFor("inventory", "check").getSubcommands().keySet());
    assertEquals(Main.COMMANDS.keySet(), Main.commandLineFor("bakup", "sw1").getSubcommands().keySet(),
        "an unknown command gets every name, for picocli's suggestion");
    assertEquals(Main.COMMANDS.keySet(), Main.commandLineFor("help", "backup").getSubcommands().keySet());
    assertEquals(Main.COMMANDS.keySet(), Main.commandLineFor("--help").getSubcommands().keySet());
  }

  private static void sameModel(CommandLine expected, CommandLine actual, String path) {
    assertEquals(expected.getUsageMessage(CommandLine.Help.Ansi.OFF), actual.getUsageMessage(CommandLine.Help.Ansi.OFF), path);
    assertEquals(expected.getCommandSpec().options().size(), actual.getCommandSpec().options().size(), path);
    assertEquals(expected.getSubcommands().keySet(), actual.getSubcommands().keySet(), path);
    for (String sub : expected.getSubcommands().keySet()) {
      sameModel(expected.getSubcommands().get(sub), actual.getSubcommands().get(sub), path + " " + sub);
    }
  }
}
