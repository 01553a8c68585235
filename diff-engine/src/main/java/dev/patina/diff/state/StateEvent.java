package dev.patina.diff.state;

/** A change in operational state worth an engineer's attention. */
public record StateEvent(String device, String artifact, Severity severity, String message) {
  /** How soon someone must look. */
  public enum Severity { CRITICAL, WARNING, INFO }
}
