package dev.patina.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The few shell commands a collector runs on a Linux host, over files below a root folder:
 * {@code cat}, {@code ls}, {@code test -e|-f|-d|-r}, {@code hostname}, {@code uname},
 * {@code echo}, {@code true}, {@code false}. Words may be quoted; {@code *} and {@code ?}
 * in paths are expanded; {@code 2>/dev/null} discards errors; {@code ;}, {@code &&} and
 * {@code ||} join commands. Anything else fails as {@code sh} would (status 127), unless a
 * canned output was set for that exact command line.
 */
final class LinuxCommands {
  private final Path root;
  private final Map<String, String> canned = new ConcurrentHashMap<>();

  LinuxCommands(Path root) {
    this.root = root;
  }

  /** Answers the exact command line {@code command} with {@code output} (status 0). */
  void setCanned(String command, String output) {
    canned.put(command, output);
  }

  void replaceInCanned(String from, String to) {
    canned.replaceAll((command, output) -> output.replace(from, to));
  }

  /** Runs a command line; returns the exit status. */
  int run(String line, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    String cannedOutput = canned.get(line.strip());
    if (cannedOutput != null) {
      print(out, cannedOutput);
      return 0;
    }
    List<List<String>> commands = new ArrayList<>();
    List<String> joiners = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String word : ShellWords.split(line)) {
      if (word.equals(ShellWords.AND) || word.equals(ShellWords.OR)
          || word.equals(ShellWords.SEQ)) {
        commands.add(current);
        joiners.add(word);
        current = new ArrayList<>();
      } else {
        current.add(word);
      }
    }
    commands.add(current);
    int status = 0;
    for (int i = 0; i < commands.size(); i++) {
      if (i > 0) {
        String joiner = joiners.get(i - 1);
        if ((joiner.equals(ShellWords.AND) && status != 0)
            || (joiner.equals(ShellWords.OR) && status == 0)) {
          continue;
        }
      }
      status = runOne(commands.get(i), out, err);
    }
    return status;
  }

  private int runOne(List<String> words, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    List<String> args = new ArrayList<>();
    boolean quiet = false;
    for (String w : words) {
      if (w.equals("2>/dev/null")) {
        quiet = true;
      } else {
        args.add(w);
      }
    }
    if (args.isEmpty()) {
      return 0;
    }
    ByteArrayOutputStream errors = quiet ? new ByteArrayOutputStream() : err;
    String name = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (name) {
      case "cat" -> cat(expand(rest), out, errors);
      case "ls" -> ls(expand(rest), out, errors);
      case "test", "[" -> test(name.equals("[") ? dropBracket(rest) : rest);
      case "hostname" -> print(out, hostname() + "\n");
      case "uname" -> print(out, uname(rest) + "\n");
      case "echo" -> print(out, String.join(" ", rest) + "\n");
      case "true" -> 0;
      case "false" -> 1;
      default -> {
        print(errors, "sh: 1: " + name + ": not found\n");
        yield 127;
      }
    };
  }

  private int cat(List<String> paths, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    int status = 0;
    for (String p : paths) {
      Path file = resolve(p);
      try {
        if (Files.isDirectory(file)) {
          print(err, "cat: " + p + ": Is a directory\n");
          status = 1;
        } else {
          out.writeBytes(Files.readAllBytes(file));
        }
      } catch (IOException e) {
        print(err, "cat: " + p + ": No such file or directory\n");
        status = 1;
      }
    }
    return status;
  }

  private int ls(List<String> paths, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    List<String> targets = paths.isEmpty() ? List.of("/") : paths;
    int status = 0;
    for (String p : targets) {
      Path dir = resolve(p);
      if (!Files.exists(dir)) {
        print(err, "ls: cannot access '" + p + "': No such file or directory\n");
        status = 2;
      } else if (!Files.isDirectory(dir)) {
        print(out, p + "\n");
      } else {
        try (Stream<Path> children = Files.list(dir)) {
          children.map(c -> c.getFileName().toString()).sorted()
              .forEach(c -> print(out, c + "\n"));
        } catch (IOException e) {
          print(err, "ls: cannot open directory '" + p + "': Permission denied\n");
          status = 2;
        }
      }
    }
    return status;
  }

  private int test(List<String> args) {
    if (args.size() == 2) {
      Path p = resolve(args.get(1));
      boolean ok = switch (args.get(0)) {
        case "-e" -> Files.exists(p);
        case "-f" -> Files.isRegularFile(p);
        case "-d" -> Files.isDirectory(p);
        case "-r" -> Files.isReadable(p);
        case "-s" -> Files.isRegularFile(p) && p.toFile().length() > 0;
        default -> false;
      };
      return ok ? 0 : 1;
    }
    return args.size() == 1 && !args.get(0).isEmpty() ? 0 : 1;
  }

  private static List<String> dropBracket(List<String> args) {
    return !args.isEmpty() && args.get(args.size() - 1).equals("]")
        ? args.subList(0, args.size() - 1) : args;
  }

  private String hostname() {
    Path file = root.resolve("etc/hostname");
    try {
      if (Files.isRegularFile(file)) {
        String name = Files.readString(file).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // fall through to the default name
    }
    return "simhost";
  }

  private String uname(List<String> args) {
    String flag = args.isEmpty() ? "-s" : args.get(0);
    return switch (flag) {
      case "-a" -> "Linux " + hostname() + " 6.1.0-sim-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.0 "
          + "x86_64 GNU/Linux";
      case "-n" -> hostname();
      case "-r" -> "6.1.0-sim-amd64";
      case "-m" -> "x86_64";
      default -> "Linux";
    };
  }

  /** Expands {@code *} and {@code ?} in the last path component; no match keeps the word. */
  private List<String> expand(List<String> words) {
    List<String> result = new ArrayList<>();
    for (String w : words) {
      int slash = w.lastIndexOf('/');
      String name = w.substring(slash + 1);
      if (!name.contains("*") && !name.contains("?")) {
        result.add(w);
        continue;
      }
      String dirPart = slash < 0 ? "" : w.substring(0, slash + 1);
      Path dir = resolve(dirPart.isEmpty() ? "." : dirPart);
      List<String> matches = new ArrayList<>();
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> found = Files.newDirectoryStream(dir, name)) {
          found.forEach(p -> matches.add(dirPart + p.getFileName()));
        } catch (IOException e) {
          // no matches
        }
      }
      matches.sort(null);
      result.addAll(matches.isEmpty() ? List.of(w) : matches);
    }
    return result;
  }

  /** The file below root for a host path; ".." never leaves root. */
  private Path resolve(String hostPath) {
    Path p = root;
    for (String part : hostPath.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      p = part.equals("..") ? (p.equals(root) ? root : p.getParent()) : p.resolve(part);
    }
    return p;
  }

  private static int print(ByteArrayOutputStream stream, String text) {
    stream.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return 0;
  }
}
