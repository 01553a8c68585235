package dev.patina.web;

/** Who a request acts as: a user, an API token's name, or "anonymous" when auth is none. */
public record Principal(String name, Role role, Kind kind) {
  /** How it was established; only a session is an ambient credential that needs a CSRF token. */
  public enum Kind { SESSION, TOKEN, BASIC, ANONYMOUS, METRICS }
}
