package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.web.Role;
import dev.patina.web.Users;
import dev.patina.web.WebConfigException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code patina user add|token|remove|list}: the people and API tokens of the web server. */
@Command(name = "user", description = "Manage web users and API tokens (the users file of http: in patina.yaml).",
    subcommands = {UserCommand.Add.class, UserCommand.Token.class, UserCommand.Remove.class, UserCommand.List.class})
public final class UserCommand {
  @ParentCommand Main main;

  static final int MIN_PASSWORD = 10;

  Users users() throws Exception {
    Path file = Patina.serviceConfig(main.config()).http().usersFile();
    try {
      return Users.load(file);
    } catch (WebConfigException e) {
      throw new Main.UsageException(e.getMessage());
    }
  }

  static Role role(String text) throws Main.UsageException {
    Role r = Role.parse(text);
    if (r == null) throw new Main.UsageException("--role must be viewer, operator or admin, not \"" + text + "\"");
    return r;
  }

  /** {@code patina user add NAME --role ROLE}: asks for the password twice, or reads it from stdin. */
  @Command(name = "add", description = "Add a user (or set a new password and role); the password is asked for.")
  static final class Add implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--role", required = true, paramLabel = "viewer|operator|admin") String role;
    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean stdin;

    @Override
    public Integer call() throws Exception {
      Role r = role(role);
      char[] password = password();
      if (password.length < MIN_PASSWORD) {
        throw new Main.UsageException("the password must have at least " + MIN_PASSWORD + " characters");
      }
      Users users = parent.users();
      try {
        users.addUser(name, r, password);
      } catch (WebConfigException e) {
        throw new Main.UsageException(e.getMessage());
      } finally {
        Arrays.fill(password, ' ');
      }
      System.out.println("user " + name + " (" + r.label() + ") saved in " + users.file());
      return Main.OK;
    }

    private char[] password() throws Exception {
      if (stdin) {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) throw new Main.UsageException("no password on standard input");
        return line.toCharArray();
      }
      java.io.Console console = System.console();
      if (console == null) {
        throw new Main.UsageException("no terminal to ask for the password; give it on standard input with "
            + "--password-stdin");
      }
      char[] a = console.readPassword("Password for %s: ", name);
      char[] b = console.readPassword("Again: ");
      if (a == null || b == null || !Arrays.equals(a, b)) throw new Main.UsageException("the passwords differ");
      return a;
    }
  }

  /** {@code patina user token NAME --role ROLE}: a new API token, printed once. */
  @Command(name = "token", description = "Make an API token (printed once; only its hash is kept).")
  static final class Token implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Parameters(paramLabel = "NAME", description = "what the token is for, e.g. librenms") String name;
    @Option(names = "--role", required = true, paramLabel = "viewer|operator|admin") String role;

    @Override
    public Integer call() throws Exception {
      Role r = role(role);
      Users users = parent.users();
      String token;
      try {
        token = users.addToken(name, r);
      } catch (WebConfigException e) {
        throw new Main.UsageException(e.getMessage());
      }
      System.out.println(token);
      System.err.println("token " + name + " (" + r.label() + ") saved in " + users.file() + " as a hash; send it as "
          + "\"Authorization: Bearer TOKEN\". It is shown only now.");
      return Main.OK;
    }
  }

  /** {@code patina user remove NAME}. */
  @Command(name = "remove", description = "Remove a user or token.")
  static final class Remove implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
      Users users = parent.users();
      if (!users.remove(name)) throw new Main.UsageException("no user or token \"" + name + "\" in " + users.file());
      System.out.println("removed " + name + " from " + users.file());
      return Main.OK;
    }
  }

  /** {@code patina user list}. */
  @Command(name = "list", description = "List users and tokens with their roles.")
  static final class List implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Override
    public Integer call() throws Exception {
      Users users = parent.users();
      for (Users.Entry e : users.entries()) System.out.printf("%-5s  %-20s  %s%n", e.kind(), e.name(), e.role().label());
      if (users.entries().isEmpty()) System.out.println("no users in " + users.file());
      return Main.OK;
    }
  }
}
