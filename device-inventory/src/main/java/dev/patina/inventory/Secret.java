package dev.patina.inventory;

/** A password or key; {@link #toString()} never reveals it, so it cannot leak into logs or errors. */
public record Secret(String value) {
  @Override
  public String toString() {
    return "******";
  }
}
