package dev.patina.collector.state;

/** A file that should hold state (bonding, keepalived) holds something else; says which file and why. */
class StateParseException extends Exception {
  private static final long serialVersionUID = 1L;

  public StateParseException(String message) {
    super(message);
  }
}
