package dev.patina.web;

import dev.patina.inventory.Device;
import dev.patina.store.NoSuchRevisionException;
import dev.patina.store.VersionIndex;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of oxidized-web that integrations (LibreNMS, NetBox plugins) call, with the same
 * paths, parameters and JSON shapes, answered from Patina's repository. The mapping is in
 * README.md. A node's {@code vars} are never sent (they may hold credentials).
 */
final class OxidizedRoutes {
  private static final DateTimeFormatter RUBY_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RUBY_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z")
      .withZone(ZoneOffset.UTC);
  private final Site site;
  private final Fleet fleet;

  OxidizedRoutes(Site site) {
    this.site = site;
    this.fleet = site.fleet();
  }

  void register(Router r) {
    r.addRegex("GET", "/nodes(?:\\.json)?", List.of(), Role.VIEWER, this::nodes);
    r.addRegex("GET", "/nodes/stats(?:\\.json)?", List.of(), Role.VIEWER, this::stats);
    r.addRegex("GET", "/node/show/([^/]+?)(?:\\.json)?", List.of("node"), Role.VIEWER, this::show);
    r.addRegex("GET", "/node/fetch/(?:(.+)/)?([^/]+)", List.of("group", "node"), Role.VIEWER, this::fetch);
    r.addRegex("GET", "/node/version(?:\\.json)?", List.of(), Role.VIEWER, this::versions);
    r.addRegex("GET", "/node/version/view(?:\\.json)?", List.of(), Role.VIEWER, this::view);
    r.addRegex("GET", "/node/version/diffs(?:\\.json)?", List.of(), Role.VIEWER, this::diffs);
    r.addRegex("GET", "/node/next/(?:(.+)/)?([^/]+)", List.of("group", "node"), Role.OPERATOR, this::next);
    r.addRegex("PUT", "/node/next/(?:(.+)/)?([^/]+)", List.of("group", "node"), Role.OPERATOR, this::next);
    r.addRegex("GET", "/reload(?:\\.json)?", List.of(), Role.OPERATOR, this::reload);
  }

  private static boolean json(Call c) {
    return c.path.endsWith(".json") || "json".equals(c.param("format"));
  }

  /** {@code NAME.json} to {@code NAME}. */
  private static String node(String raw) {
    return raw != null && raw.endsWith(".json") ? raw.substring(0, raw.length() - 5) : raw;
  }

  private String existing(String name) throws Exception {
    if (name == null || fleet.device(name) == null) throw new Call.HttpError(404, "node not found");
    return name;
  }

  private static String ruby(Instant t) {
    return t == null ? null : RUBY_UTC.format(t);
  }

  private Map<String, Object> serialize(Fleet.DeviceRow d) {
    Device dev = fleet.inventoryDevice(d.name());
    String group = d.group() == null ? "default" : d.group();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("full_name", d.group() == null ? d.name() : d.group() + "/" + d.name());
    m.put("ip", dev == null ? null : dev.host());
    m.put("group", group);
    m.put("model", d.model());
    Instant lastAttempt = later(d.lastSuccess(), d.lastFailure());
    String status = switch (d.status()) {
      case "ok" -> "success";
      case "failed" -> "no_connection";
      default -> "never";
    };
    if (lastAttempt == null) {
      m.put("last", null);
    } else {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("start", ruby(lastAttempt));
      last.put("end", ruby(lastAttempt));
      last.put("status", status);
      last.put("time", null);
      m.put("last", last);
    }
    m.put("vars", Map.of());
    m.put("mtime", d.lastChange() == null ? "unknown" : ruby(d.lastChange()));
    m.put("status", status);
    m.put("time", lastAttempt == null ? "never" : ruby(lastAttempt));
    return m;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }

  private void nodes(Call c) throws Exception {
    if (!json(c)) {
      c.redirect("/devices");
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Fleet.DeviceRow d : fleet.devices()) out.add(serialize(d));
    c.json(200, out);
  }

  private void stats(Call c) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Fleet.DeviceRow d : fleet.devices()) {
      Map<String, Object> s = new LinkedHashMap<>();
      if (d.lastSuccess() != null) s.put("success", List.of(Map.of("start", ruby(d.lastSuccess()), "end",
          ruby(d.lastSuccess()))));
      if (d.lastFailure() != null) s.put("no_connection", List.of(Map.of("start", ruby(d.lastFailure()), "end",
          ruby(d.lastFailure()))));
      s.put("counter", Map.of("success", d.lastSuccess() == null ? 0 : 1, "no_connection", d.failuresInRow()));
      s.put("mtime", d.lastChange() == null ? "unknown" : ruby(d.lastChange()));
      out.put(d.name(), s);
    }
    c.json(200, out);
  }

  private void show(Call c) throws Exception {
    String n = existing(node(c.pathParams.get("node")));
    if (!json(c)) {
      c.redirect("/devices/" + Html.enc(n));
      return;
    }
    c.json(200, serialize(fleet.device(n)));
  }

  private void fetch(Call c) throws Exception {
    String raw = c.pathParams.get("node");
    boolean asJson = raw.endsWith(".json") || "json".equals(c.param("format"));
    String n = node(raw);
    if (fleet.device(n) == null) {
      answer(c, asJson, "node not found", 404);
      return;
    }
    String text = fleet.artifacts(n, null).get("running-config");
    if (text == null) {
      answer(c, asJson, "node not found", 404);
      return;
    }
    answer(c, asJson, text, 200);
  }

  /** oxidized-web answers a string as its lines in a JSON array, or as plain text. */
  private static void answer(Call c, boolean asJson, String text, int status) throws Exception {
    if (asJson) c.json(status, lines(text));
    else c.text(status, text);
  }

  /** Ruby's String#lines: each line keeps its newline. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int nl = text.indexOf('\n', from);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(from, end));
      from = end;
    }
    return out;
  }

  private void versions(Call c) throws Exception {
    String full = c.param("node_full", "");
    String n = full.contains("/") ? full.substring(full.lastIndexOf('/') + 1) : full;
    if (fleet.device(n) == null) {
      c.json(200, "node not found");
      return;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (VersionIndex.Version v : fleet.versions().versions(n, Integer.MAX_VALUE)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("date", RUBY_OFFSET.format(v.time()));
      m.put("time", RUBY_OFFSET.format(v.time()));
      m.put("oid", v.commit());
      m.put("author", Map.of("name", v.author(), "email", "patina@localhost", "time", RUBY_OFFSET.format(v.time())));
      m.put("message", v.subject());
      out.add(m);
    }
    if (!json(c)) {
      c.redirect("/devices/" + Html.enc(n) + "/versions");
      return;
    }
    c.json(200, out);
  }

  private void view(Call c) throws Exception {
    String n = existing(node(c.param("node")));
    String oid = c.param("oid", "HEAD");
    String text;
    try {
      text = fleet.artifacts(n, oid).get("running-config");
    } catch (NoSuchRevisionException e) {
      text = null;
    }
    if (text == null) text = "version not found";
    if (json(c)) c.json(200, lines(text));
    else c.text(200, text);
  }

  private void diffs(Call c) throws Exception {
    String n = existing(node(c.param("node")));
    String oid = c.param("oid");
    if (oid == null) throw new Call.HttpError(400, "give oid= (the newer version) and optionally oid2= (the older)");
    String oid2 = c.param("oid2");
    String patch;
    try {
      if (oid2 == null || oid2.isEmpty()) {
        List<VersionIndex.Version> all = fleet.versions().versions(n, Integer.MAX_VALUE);
        for (int i = 0; i < all.size(); i++) {
          if (all.get(i).commit().startsWith(oid) && i + 1 < all.size()) oid2 = all.get(i + 1).commit();
        }
      }
      String before = oid2 == null ? null : fleet.artifacts(n, oid2).get("running-config");
      String after = fleet.artifacts(n, oid).get("running-config");
      patch = DiffView.of(n, "running-config", before, after, 3).unified();
      if (patch.isEmpty()) patch = "No diff available";
    } catch (NoSuchRevisionException e) {
      patch = "No diff available";
    }
    if (json(c)) c.json(200, lines(patch));
    else c.text(200, patch);
  }

  private void next(Call c) throws Exception {
    WebServer.refuseCrossSite(c);
    String raw = c.pathParams.get("node");
    boolean asJson = raw.endsWith(".json") || "json".equals(c.param("format"));
    String n = existing(node(raw));
    String who = c.principal.name();
    if (c.method.equals("PUT")) {
      byte[] body = c.body();
      if (body.length > 0) {
        try {
          Object user = Call.JSON.readValue(body, Map.class).get("user");
          if (user instanceof String u && !u.isBlank()) who = c.principal.name() + " for " + u;
        } catch (java.io.IOException e) {
          throw new Call.HttpError(400, "the body must be JSON such as {\"user\": \"alice\", \"msg\": \"...\"}");
        }
      }
    }
    if (site.backupNow() == null) throw new Call.HttpError(503, "this server cannot run backups");
    String requestedBy = who;
    Thread.ofVirtual().name("next-" + n).start(() -> {
      try {
        site.backupNow().backup(n, requestedBy);
      } catch (Exception e) {
        System.err.println("patina web: backup of " + n + " asked by " + requestedBy + " failed: " + e.getMessage());
      }
    });
    if (!asJson) {
      c.redirect("/devices");
      return;
    }
    c.json(200, lines("ok"));
  }

  private void reload(Call c) throws Exception {
    if (site.reload() != null) site.reload().run();
    String msg = "reloaded list of nodes";
    if (json(c)) c.json(200, lines(msg));
    else c.text(200, msg);
  }
}
