package dev.patina.web;

import dev.patina.store.NoSuchRevisionException;
import dev.patina.store.RunLog;
import dev.patina.store.VersionIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API under {@code /api/v1}: the pages' data for programs. Times are ISO-8601 UTC strings. */
final class Api {
  private final Site site;
  private final Fleet fleet;

  Api(Site site) {
    this.site = site;
    this.fleet = site.fleet();
  }

  void register(Router r) {
    r.add("GET", "/api/v1/devices", Role.VIEWER, this::devices);
    r.add("GET", "/api/v1/devices/{name}", Role.VIEWER, this::device);
    r.add("GET", "/api/v1/devices/{name}/versions", Role.VIEWER, this::versions);
    r.add("GET", "/api/v1/devices/{name}/artifacts/{rev}/{artifact*}", Role.VIEWER, this::artifact);
    r.add("GET", "/api/v1/devices/{name}/diff", Role.VIEWER, this::diff);
    r.add("POST", "/api/v1/devices/{name}/backup", Role.OPERATOR, this::backup);
    r.add("GET", "/api/v1/search", Role.VIEWER, this::search);
    r.add("GET", "/api/v1/runs", Role.VIEWER, this::runs);
    r.add("GET", "/api/v1/events", Role.VIEWER, this::events);
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  static Map<String, Object> row(Fleet.DeviceRow d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("group", d.group());
    m.put("model", d.model());
    m.put("status", d.status());
    m.put("reason", d.reason());
    m.put("last_success", iso(d.lastSuccess()));
    m.put("last_failure", iso(d.lastFailure()));
    m.put("last_change", iso(d.lastChange()));
    m.put("failures_in_a_row", d.failuresInRow());
    m.put("versions", d.versions());
    m.put("in_inventory", d.inInventory());
    return m;
  }

  private void devices(Call c) throws Exception {
    List<Fleet.DeviceRow> all = fleet.devices();
    DeviceTable.Page p = DeviceTable.page(all, c.param("q"), c.param("status"), c.param("sort", "name"),
        "desc".equals(c.param("dir")), c.intParam("page", 1, 1, Integer.MAX_VALUE), c.intParam("size", 1000, 1, 10_000));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", all.size());
    out.put("matched", p.matched());
    out.put("page", p.page());
    out.put("pages", p.pages());
    out.put("devices", p.rows().stream().map(Api::row).toList());
    c.json(200, out);
  }

  private void device(Call c) throws Exception {
    String n = Pages.name(c, fleet);
    Map<String, Object> out = row(fleet.device(n));
    VersionIndex.Version latest = fleet.versions().latest(n);
    Map<String, String> artifacts = latest == null ? Map.of() : fleet.artifacts(n, null);
    List<Map<String, Object>> list = new ArrayList<>();
    artifacts.forEach((a, t) -> list.add(Map.of("name", a, "bytes", t.getBytes(java.nio.charset.StandardCharsets.UTF_8)
        .length, "href", "/api/v1/devices/" + Html.enc(n) + "/artifacts/" + latest.commit() + "/" + a)));
    out.put("revision", latest == null ? null : latest.commit());
    out.put("artifacts", list);
    out.put("events", fleet.runLog().events(n, 20).stream().map(Api::event).toList());
    c.json(200, out);
  }

  static Map<String, Object> version(VersionIndex.Version v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("commit", v.commit());
    m.put("time", iso(v.time()));
    m.put("author", v.author());
    m.put("subject", v.subject());
    return m;
  }

  private void versions(Call c) throws Exception {
    String n = Pages.name(c, fleet);
    c.json(200, fleet.versions().versions(n, c.intParam("max", 1000, 1, Integer.MAX_VALUE)).stream()
        .map(Api::version).toList());
  }

  private void artifact(Call c) throws Exception {
    String n = Pages.name(c, fleet);
    String rev = c.pathParams.get("rev");
    String artifact = c.pathParams.get("artifact");
    Map<String, String> all;
    try {
      all = fleet.artifacts(n, rev);
    } catch (NoSuchRevisionException e) {
      throw new Call.HttpError(404, "no revision \"" + rev + "\"");
    }
    String text = all.get(artifact);
    if (text == null) throw new Call.HttpError(404, n + " has no artifact \"" + artifact + "\" at " + rev);
    if ("text".equals(c.param("format"))) {
      c.text(200, text);
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("device", n);
    out.put("revision", rev);
    out.put("artifact", artifact);
    out.put("text", text);
    c.json(200, out);
  }

  private void diff(Call c) throws Exception {
    String n = Pages.name(c, fleet);
    String[] revs = Pages.revisions(c, fleet, n);
    List<DiffView.Artifact> diffs = Pages.diffs(fleet, n, revs[0], revs[1], c.intParam("context", 3, 0, 1_000_000));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("device", n);
    out.put("from", revs[0]);
    out.put("to", revs[1]);
    out.put("added", diffs.stream().mapToInt(DiffView.Artifact::added).sum());
    out.put("removed", diffs.stream().mapToInt(DiffView.Artifact::removed).sum());
    out.put("artifacts", diffs.stream().map(d -> Map.of("artifact", d.artifact(), "added", d.added(), "removed",
        d.removed(), "unified", d.unified())).toList());
    c.json(200, out);
  }

  private void backup(Call c) throws Exception {
    String n = Pages.name(c, fleet);
    RunSummary s = Pages.runBackup(site, n, c.principal);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("device", s.device());
    out.put("outcome", s.outcome());
    out.put("detail", s.detail());
    out.put("commit", s.commit());
    out.put("took_ms", s.took().toMillis());
    c.json(s.outcome().equals("failed") ? 502 : 200, out);
  }

  private void search(Call c) throws Exception {
    Search.Query q = Pages.query(c);
    Search.Result r = Search.run(q, site.configs().now());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query", q.text());
    out.put("regex", q.regex());
    out.put("ignore_case", q.ignoreCase());
    out.put("invert", q.invert());
    out.put("devices_searched", r.devicesSearched());
    out.put("devices_matched", r.devicesMatched());
    out.put("matching_lines", r.matchingLines());
    out.put("truncated", r.truncated());
    out.put("timed_out", r.timedOut());
    out.put("took_ms", r.tookMillis());
    if (q.invert()) {
      out.put("without", r.without());
    } else {
      out.put("results", r.hits().stream().map(h -> Map.of("device", h.device(), "artifact", h.artifact(), "matches",
          h.matches(), "groups", h.groups().stream().map(g -> g.stream().map(l -> Map.of("line", l.number(), "text",
              l.text(), "match", l.match())).toList()).toList())).toList());
    }
    c.json(200, out);
  }

  static Map<String, Object> run(RunLog.Run r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started", iso(r.started()));
    m.put("took_ms", r.took().toMillis());
    m.put("trigger", r.trigger());
    m.put("changed", r.changed());
    m.put("new", r.added());
    m.put("unchanged", r.unchanged());
    m.put("failed", r.failed());
    m.put("failed_devices", r.failedDevices());
    m.put("commit", r.commit());
    return m;
  }

  static Map<String, Object> event(RunLog.Event e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", iso(e.time()));
    m.put("device", e.device());
    m.put("severity", e.severity());
    m.put("message", e.message());
    return m;
  }

  private void runs(Call c) throws Exception {
    c.json(200, fleet.runLog().runs(c.intParam("max", 100, 1, 10_000)).stream().map(Api::run).toList());
  }

  private void events(Call c) throws Exception {
    c.json(200, fleet.runLog().events(c.param("device"), c.intParam("max", 100, 1, 10_000)).stream().map(Api::event)
        .toList());
  }
}
