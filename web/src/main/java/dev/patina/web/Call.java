package dev.patina.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request and its answer: parameters, form, cookies, who asks, and the ways to reply. */
final class Call {
  static final int MAX_BODY = 64 * 1024;
  static final ObjectMapper JSON = new ObjectMapper();

  final HttpExchange ex;
  final String method;
  final String path;
  final boolean secure;
  private final Map<String, List<String>> query;
  private Map<String, List<String>> form;
  private byte[] body;
  Principal principal;
  Sessions.Session session;
  Map<String, String> pathParams = Map.of();
  private boolean answered;

  Call(HttpExchange ex, boolean secure) {
    this.ex = ex;
    this.secure = secure;
    this.method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    URI uri = ex.getRequestURI();
    this.path = uri.getPath() == null ? "/" : uri.getPath();
    this.query = parse(uri.getRawQuery());
  }

  static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** A query parameter, else a form field (POST), else null. */
  String param(String name) {
    List<String> v = query.get(name);
    if (v != null && !v.isEmpty()) return v.get(0);
    if (method.equals("POST") && isForm()) {
      v = form().get(name);
      if (v != null && !v.isEmpty()) return v.get(0);
    }
    return null;
  }

  String param(String name, String fallback) {
    String v = param(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  int intParam(String name, int fallback, int min, int max) {
    String v = param(name);
    if (v == null || v.isBlank()) return fallback;
    try {
      return Math.max(min, Math.min(max, Integer.parseInt(v.trim())));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  String header(String name) {
    return ex.getRequestHeaders().getFirst(name);
  }

  String cookie(String name) {
    List<String> all = ex.getRequestHeaders().get("Cookie");
    if (all == null) return null;
    for (String h : all) {
      for (String part : h.split(";")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  String remote() {
    return ex.getRemoteAddress().getAddress().getHostAddress();
  }

  private boolean isForm() {
    String ct = header("Content-Type");
    return ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  Map<String, List<String>> form() {
    if (form == null) form = isForm() ? parse(new String(body(), StandardCharsets.UTF_8)) : Map.of();
    return form;
  }

  /** The request body, at most {@link #MAX_BODY} bytes (more is refused with 413 by the caller's check). */
  byte[] body() {
    if (body == null) {
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      } catch (IOException e) {
        body = new byte[0];
      }
      if (body.length > MAX_BODY) throw new HttpError(413, "request body larger than " + MAX_BODY + " bytes");
    }
    return body;
  }

  boolean wantsJson() {
    return path.startsWith("/api/") || path.endsWith(".json") || "json".equals(param("format"));
  }

  void setCookie(String name, String value, int maxAgeSeconds) {
    StringBuilder c = new StringBuilder(name).append('=').append(value)
        .append("; Path=/; HttpOnly; SameSite=Strict");
    if (maxAgeSeconds >= 0) c.append("; Max-Age=").append(maxAgeSeconds);
    if (secure) c.append("; Secure");
    ex.getResponseHeaders().add("Set-Cookie", c.toString());
  }

  void send(int status, String contentType, byte[] bytes) throws IOException {
    if (answered) return;
    answered = true;
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean head = method.equals("HEAD");
    ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(bytes);
      }
    }
  }

  void html(int status, String page) throws IOException {
    send(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  void json(int status, Object value) throws IOException {
    send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
  }

  void text(int status, String text) throws IOException {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** 303 See Other to a path of this server. */
  void redirect(String location) throws IOException {
    if (!location.startsWith("/") || location.startsWith("//")) location = "/";
    ex.getResponseHeaders().set("Location", location);
    send(303, "text/plain; charset=utf-8", new byte[0]);
  }

  boolean answered() {
    return answered;
  }

  /** A request refused with a status and a message for the person or program. */
  static final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
