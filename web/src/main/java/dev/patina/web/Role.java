package dev.patina.web;

import java.util.Locale;

/** What a person or token may do: viewers read, operators also start backups, admins everything. */
public enum Role {
  VIEWER, OPERATOR, ADMIN;

  public boolean allows(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** {@code viewer}, {@code operator} or {@code admin}; null when it is none of those. */
  public static Role parse(String s) {
    if (s == null) return null;
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "viewer" -> VIEWER;
      case "operator" -> OPERATOR;
      case "admin" -> ADMIN;
      default -> null;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
