package dev.patina.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** The frame of every page: head, navigation, who is logged in, and times as an engineer reads them. */
final class Layout {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private Layout() {}

  static String page(Call c, String title, Consumer<Html> body) {
    Html h = Html.document();
    h.open("head").empty("meta", "charset", "utf-8")
        .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
        .el("title", title + " - Patina")
        .empty("link", "rel", "stylesheet", "href", "/static/patina.css")
        .open("script", "src", "/static/patina.js", "defer", "defer").close()
        .close();
    h.open("body").open("header").open("nav")
        .el("a", "Patina", "href", "/devices", "class", "brand")
        .el("a", "Devices", "href", "/devices")
        .el("a", "Search", "href", "/search")
        .el("a", "Runs", "href", "/runs");
    if (c.principal != null) {
      h.open("span", "class", "who").text(c.principal.name() + " (" + c.principal.role().label() + ")").close();
      if (c.session != null && c.principal.kind() == Principal.Kind.SESSION) {
        h.open("form", "method", "post", "action", "/logout", "class", "inline")
            .empty("input", "type", "hidden", "name", "csrf", "value", c.session.csrf)
            .el("button", "Log out", "type", "submit").close();
      }
    }
    h.close().close();
    h.open("main");
    body.accept(h);
    h.close();
    return h.toString();
  }

  static String errorPage(Call c, int status, String message) {
    return page(c, "Error " + status, h -> h.el("h1", "Error " + status).el("p", message, "class", "error"));
  }

  static String time(Instant t) {
    return t == null ? "never" : TIME.format(t);
  }

  /** "3 min ago", "2 h ago", "5 days ago". */
  static String ago(Instant t) {
    if (t == null) return "never";
    Duration d = Duration.between(t, Instant.now());
    if (d.isNegative()) return "just now";
    long s = d.toSeconds();
    if (s < 60) return s + " s ago";
    if (s < 3600) return s / 60 + " min ago";
    if (s < 86_400) return s / 3600 + " h ago";
    return s / 86_400 + " days ago";
  }

  /** The CSRF form field of this request's session. */
  static void csrf(Call c, Html h) {
    if (c.session != null) h.empty("input", "type", "hidden", "name", "csrf", "value", c.session.csrf);
  }
}
