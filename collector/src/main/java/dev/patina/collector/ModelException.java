package dev.patina.collector;

import java.util.List;

/** A model file is invalid; each problem names file:line, what is wrong and what to write. */
public class ModelException extends Exception {
  private final List<String> problems;

  public ModelException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One message per problem, "cisco-ios.yaml:12: ...". */
  public List<String> problems() {
    return problems;
  }
}
