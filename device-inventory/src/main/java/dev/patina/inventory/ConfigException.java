package dev.patina.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file has mistakes; the message lists each with its file and line. */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
