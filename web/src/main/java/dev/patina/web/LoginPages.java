package dev.patina.web;

import java.io.IOException;
import java.util.Optional;

/** {@code /login} and {@code /logout}: a form, a rate limit, a fresh session and CSRF token on success. */
final class LoginPages {
  static final String LOGIN_COOKIE = "patina_login";
  private final WebServer server;

  LoginPages(WebServer server) {
    this.server = server;
  }

  void register(Router r) {
    r.add("GET", "/", null, c -> c.redirect("/devices"));
    r.add("GET", "/login", null, this::form);
    r.add("POST", "/login", null, this::login);
    r.add("POST", "/logout", null, this::logout);
  }

  private void form(Call c) throws IOException {
    show(c, 200, null);
  }

  private void show(Call c, int status, String problem) throws IOException {
    String token = PasswordHash.random();
    c.setCookie(LOGIN_COOKIE, token, 600);
    String next = safeNext(c.param("next"));
    c.html(status, Layout.page(c, "Log in", h -> {
      h.el("h1", "Log in");
      if (!server.authRequired()) h.el("p", "This server does not ask for a login (auth: none).", "class", "note");
      if (problem != null) h.el("p", problem, "class", "error", "id", "login-error");
      h.open("form", "method", "post", "action", "/login", "class", "login")
          .empty("input", "type", "hidden", "name", "csrf", "value", token)
          .empty("input", "type", "hidden", "name", "next", "value", next)
          .open("label").text("User ").empty("input", "name", "user", "id", "user", "autocomplete", "username",
              "required", "required").close()
          .open("label").text("Password ").empty("input", "type", "password", "name", "password", "id", "password",
              "autocomplete", "current-password", "required", "required").close()
          .el("button", "Log in", "type", "submit", "id", "login")
          .close();
    }));
  }

  private static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next
        : "/devices";
  }

  private void login(Call c) throws IOException {
    String user = c.param("user", "");
    String password = c.param("password", "");
    long wait = server.limiter().retryAfter(c.remote(), user);
    if (wait > 0) {
      c.ex.getResponseHeaders().set("Retry-After", String.valueOf(wait));
      show(c, 429, "Too many failed logins. Try again in " + wait + " s.");
      return;
    }
    Optional<Principal> p = server.users().login(user, password.toCharArray());
    if (p.isEmpty()) {
      server.limiter().failed(c.remote(), user);
      show(c, 401, "Wrong user name or password.");
      return;
    }
    server.limiter().succeeded(c.remote(), user);
    server.sessions().end(c.cookie(WebServer.SESSION_COOKIE));
    Sessions.Session s = server.sessions().create(p.get());
    c.setCookie(WebServer.SESSION_COOKIE, s.id, (int) Sessions.IDLE.toSeconds());
    c.setCookie(LOGIN_COOKIE, "", 0);
    c.redirect(safeNext(c.param("next")));
  }

  private void logout(Call c) throws IOException {
    server.sessions().end(c.cookie(WebServer.SESSION_COOKIE));
    c.setCookie(WebServer.SESSION_COOKIE, "", 0);
    c.redirect("/login");
  }
}
