package dev.patina.web;

import dev.patina.store.NoSuchRevisionException;
import dev.patina.store.RunLog;
import dev.patina.store.VersionIndex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The server-rendered pages: devices, device, version, diff, search, runs, and "back up now". */
final class Pages {
  private final Site site;
  private final Fleet fleet;

  Pages(Site site) {
    this.site = site;
    this.fleet = site.fleet();
  }

  void register(Router r) {
    r.add("GET", "/devices", Role.VIEWER, this::devices);
    r.add("GET", "/devices/{name}", Role.VIEWER, this::device);
    r.add("GET", "/devices/{name}/versions", Role.VIEWER, this::versions);
    r.add("GET", "/devices/{name}/at/{rev}/{artifact*}", Role.VIEWER, this::version);
    r.add("GET", "/devices/{name}/raw/{rev}/{artifact*}", Role.VIEWER, this::raw);
    r.add("GET", "/devices/{name}/diff", Role.VIEWER, this::diff);
    r.add("POST", "/devices/{name}/backup", Role.OPERATOR, this::backup);
    r.add("GET", "/search", Role.VIEWER, this::search);
    r.add("GET", "/runs", Role.VIEWER, this::runs);
  }

  // ---- devices

  private void devices(Call c) throws Exception {
    String q = c.param("q", "");
    String status = c.param("status", "");
    String sort = c.param("sort", "name");
    boolean desc = "desc".equals(c.param("dir"));
    int size = c.intParam("size", 100, 10, 1000);
    List<Fleet.DeviceRow> all = fleet.devices();
    DeviceTable.Page p = DeviceTable.page(all, q, status, sort, desc, c.intParam("page", 1, 1, Integer.MAX_VALUE),
        size);
    long failed = all.stream().filter(d -> d.status().equals("failed")).count();
    c.html(200, Layout.page(c, "Devices", h -> {
      h.el("h1", "Devices");
      h.open("p", "class", "summary").text(all.size() + " devices, " + failed + " failing. ")
          .el("a", "Show failing", "href", Html.url("/devices", "status", "failed")).close();
      h.open("form", "method", "get", "action", "/devices", "class", "filter")
          .open("label").text("Filter ").empty("input", "name", "q", "id", "filter", "value", q, "placeholder",
              "name, group or model", "autofocus", "autofocus").close()
          .open("label").text("Status ").open("select", "name", "status");
      for (String s : new String[] {"", "ok", "failed", "never"}) {
        h.open("option", "value", s, "selected", s.equals(status) ? "selected" : null).text(s.isEmpty() ? "any" : s)
            .close();
      }
      h.close().close().empty("input", "type", "hidden", "name", "sort", "value", sort)
          .empty("input", "type", "hidden", "name", "dir", "value", desc ? "desc" : "asc")
          .el("button", "Filter", "type", "submit", "id", "filter-go").close();
      h.el("p", p.matched() + " match" + (p.matched() == 1 ? "" : "es") + ", page " + p.page() + " of " + p.pages(),
          "id", "matched");
      h.open("table", "class", "devices", "id", "devices").open("thead").open("tr");
      String[][] cols = {{"name", "Device"}, {"group", "Group"}, {"model", "Model"}, {"status", "Status"},
          {"success", "Last success"}, {"change", "Last change"}, {"failures", "Failures in a row"}};
      for (String[] col : cols) {
        boolean on = col[0].equals(sort);
        String mark = on ? (desc ? " \u25BC" : " \u25B2") : "";
        h.open("th").el("a", col[1] + mark, "href", Html.url("/devices", "q", blank(q), "status", blank(status),
            "sort", col[0], "dir", on && !desc ? "desc" : "asc")).close();
      }
      h.close().close().open("tbody");
      for (Fleet.DeviceRow d : p.rows()) {
        h.open("tr", "class", "status-" + d.status());
        h.open("td").el("a", d.name(), "href", "/devices/" + Html.enc(d.name())).close();
        h.el("td", d.group() == null ? "" : d.group());
        h.el("td", d.model() == null ? "" : d.model());
        h.open("td").el("span", d.status(), "class", "badge " + d.status());
        if (d.reason() != null) h.el("div", d.reason(), "class", "reason");
        h.close();
        h.el("td", Layout.ago(d.lastSuccess()), "title", Layout.time(d.lastSuccess()));
        h.el("td", Layout.ago(d.lastChange()), "title", Layout.time(d.lastChange()));
        h.el("td", String.valueOf(d.failuresInRow()));
        h.close();
      }
      h.close().close();
      pager(h, p, q, status, sort, desc);
    }));
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static void pager(Html h, DeviceTable.Page p, String q, String status, String sort, boolean desc) {
    if (p.pages() <= 1) return;
    h.open("nav", "class", "pager");
    if (p.page() > 1) {
      h.el("a", "\u2190 previous", "href", Html.url("/devices", "q", blank(q), "status", blank(status), "sort", sort,
          "dir", desc ? "desc" : null, "page", String.valueOf(p.page() - 1), "size", String.valueOf(p.size())));
    }
    if (p.page() < p.pages()) {
      h.el("a", "next \u2192", "href", Html.url("/devices", "q", blank(q), "status", blank(status), "sort", sort,
          "dir", desc ? "desc" : null, "page", String.valueOf(p.page() + 1), "size", String.valueOf(p.size())),
          "id", "next-page");
    }
    h.close();
  }

  // ---- device

  static String name(Call c, Fleet fleet) throws Exception {
    String n = c.pathParams.get("name");
    if (fleet.device(n) == null) throw new Call.HttpError(404, "no device \"" + n + "\" in the inventory or the "
        + "repository");
    return n;
  }

  private void device(Call c) throws Exception {
    String n = name(c, fleet);
    Fleet.DeviceRow d = fleet.device(n);
    VersionIndex v = fleet.versions();
    VersionIndex.Version latest = v.latest(n);
    Map<String, String> artifacts = latest == null ? Map.of() : fleet.artifacts(n, null);
    List<VersionIndex.Version> versions = v.versions(n, 20);
    List<RunLog.Event> events = fleet.runLog().events(n, 20);
    boolean canBackup = site.backupNow() != null && c.principal.role().allows(Role.OPERATOR);
    c.html(200, Layout.page(c, n, h -> {
      h.open("h1").text(n).text(" ").el("span", d.status(), "class", "badge " + d.status()).close();
      h.open("dl", "class", "facts");
      fact(h, "Group", d.group());
      fact(h, "Model", d.model());
      fact(h, "Last success", Layout.time(d.lastSuccess()) + " (" + Layout.ago(d.lastSuccess()) + ")");
      fact(h, "Last change", Layout.time(d.lastChange()));
      fact(h, "Failures in a row", String.valueOf(d.failuresInRow()));
      if (d.reason() != null) fact(h, "Last error", d.reason());
      if (!d.inInventory()) fact(h, "Inventory", "not in the inventory any more; history only");
      h.close();
      if (canBackup && d.inInventory()) {
        h.open("form", "method", "post", "action", "/devices/" + Html.enc(n) + "/backup", "class", "inline");
        Layout.csrf(c, h);
        h.el("button", "Back up now", "type", "submit", "id", "backup-now").close();
      }
      h.el("h2", "Artifacts");
      if (artifacts.isEmpty()) h.el("p", "Nothing stored yet.");
      h.open("ul", "class", "artifacts");
      for (String a : artifacts.keySet()) {
        if (a.startsWith("state/")) continue;
        h.open("li").el("a", a, "href", "/devices/" + Html.enc(n) + "/at/" + latest.commit() + "/" + path(a))
            .text(" (" + lines(artifacts.get(a)) + " lines) ")
            .el("a", "raw", "href", "/devices/" + Html.enc(n) + "/raw/" + latest.commit() + "/" + path(a)).close();
      }
      h.close();
      List<String> state = artifacts.keySet().stream().filter(a -> a.startsWith("state/")).toList();
      if (!state.isEmpty()) {
        h.el("h2", "State");
        for (String a : state) {
          h.el("h3", a.substring("state/".length()));
          h.el("pre", artifacts.get(a), "class", "state");
        }
      }
      h.el("h2", "Events");
      if (events.isEmpty()) h.el("p", "No events recorded.");
      h.open("ul", "class", "events");
      for (RunLog.Event e : events) {
        h.open("li", "class", "sev-" + e.severity().toLowerCase(java.util.Locale.ROOT))
            .el("span", Layout.time(e.time()), "class", "when").text(" ").el("strong", e.severity()).text(" ")
            .text(e.message()).close();
      }
      h.close();
      h.el("h2", "Versions");
      timeline(h, n, versions);
      if (v.count(n) > versions.size()) {
        h.el("a", "All " + v.count(n) + " versions", "href", "/devices/" + Html.enc(n) + "/versions");
      }
    }));
  }

  private static String path(String artifact) {
    StringBuilder b = new StringBuilder();
    for (String part : artifact.split("/")) b.append(b.isEmpty() ? "" : "/").append(Html.enc(part));
    return b.toString();
  }

  private static int lines(String text) {
    if (text == null || text.isEmpty()) return 0;
    int n = 0;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
    return text.endsWith("\n") ? n : n + 1;
  }

  private static void fact(Html h, String k, String v) {
    h.el("dt", k).el("dd", v == null ? "" : v);
  }

  /** Versions newest first: when each was valid, who or what made it, and links to it and its diff. */
  private static void timeline(Html h, String n, List<VersionIndex.Version> versions) {
    if (versions.isEmpty()) {
      h.el("p", "No versions yet.");
      return;
    }
    h.open("form", "method", "get", "action", "/devices/" + Html.enc(n) + "/diff", "class", "compare");
    h.open("table", "class", "versions", "id", "versions").open("thead").open("tr")
        .el("th", "From").el("th", "To").el("th", "Valid").el("th", "By").el("th", "Run").el("th", "").close().close()
        .open("tbody");
    for (int i = 0; i < versions.size(); i++) {
      VersionIndex.Version ver = versions.get(i);
      String until = i == 0 ? "now" : Layout.time(versions.get(i - 1).time());
      h.open("tr")
          .open("td").empty("input", "type", "radio", "name", "from", "value", ver.commit(), "checked",
              i == 1 ? "checked" : null).close()
          .open("td").empty("input", "type", "radio", "name", "to", "value", ver.commit(), "checked",
              i == 0 ? "checked" : null).close()
          .el("td", Layout.time(ver.time()) + " \u2192 " + until)
          .el("td", ver.author())
          .el("td", ver.subject())
          .open("td").el("a", ver.commit().substring(0, 10), "href", "/devices/" + Html.enc(n) + "/at/" + ver.commit()
              + "/running-config");
      if (i + 1 < versions.size()) {
        h.text(" ").el("a", "diff", "href", Html.url("/devices/" + Html.enc(n) + "/diff", "from",
            versions.get(i + 1).commit(), "to", ver.commit()));
      }
      h.close().close();
    }
    h.close().close();
    h.el("button", "Compare selected", "type", "submit", "id", "compare");
    h.close();
  }

  private void versions(Call c) throws Exception {
    String n = name(c, fleet);
    List<VersionIndex.Version> all = fleet.versions().versions(n, Integer.MAX_VALUE);
    c.html(200, Layout.page(c, n + " versions", h -> {
      h.open("h1").el("a", n, "href", "/devices/" + Html.enc(n)).text(": " + all.size() + " versions").close();
      timeline(h, n, all);
    }));
  }

  // ---- a version of an artifact

  private String artifactAt(Call c, String n) throws Exception {
    String rev = c.pathParams.get("rev");
    String artifact = c.pathParams.get("artifact");
    Map<String, String> all;
    try {
      all = fleet.artifacts(n, rev);
    } catch (NoSuchRevisionException e) {
      throw new Call.HttpError(404, "no revision \"" + rev + "\"");
    }
    String text = all.get(artifact);
    if (text == null) {
      throw new Call.HttpError(404, n + " has no artifact \"" + artifact + "\" at " + rev + "; it has: "
          + String.join(", ", all.keySet()));
    }
    return text;
  }

  private void version(Call c) throws Exception {
    String n = name(c, fleet);
    String rev = c.pathParams.get("rev");
    String artifact = c.pathParams.get("artifact");
    String text = artifactAt(c, n);
    VersionIndex.Version ver = rev.length() == 40 ? fleet.versions().at(n, rev) : null;
    c.html(200, Layout.page(c, n + " " + artifact, h -> {
      h.open("h1").el("a", n, "href", "/devices/" + Html.enc(n)).text(" / " + artifact).close();
      h.open("p", "class", "summary").text("At " + rev.substring(0, Math.min(10, rev.length()))
          + (ver == null ? "" : ", the version of " + Layout.time(ver.time()) + " by " + ver.author()) + ". ")
          .el("a", "Download raw", "href", "/devices/" + Html.enc(n) + "/raw/" + Html.enc(rev) + "/" + path(artifact))
          .close();
      h.open("pre", "class", "config", "id", "config");
      String[] lines = text.split("\n", -1);
      int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
      for (int no = 1; no <= count; no++) {
        h.open("span", "class", "line").el("span", String.valueOf(no), "class", "no").text(lines[no - 1]).close()
            .text("\n");
      }
      h.close();
    }));
  }

  private void raw(Call c) throws Exception {
    String n = name(c, fleet);
    String text = artifactAt(c, n);
    String artifact = c.pathParams.get("artifact");
    String file = (n + "_" + artifact.replace('/', '_') + ".txt").replaceAll("[^A-Za-z0-9._-]", "_");
    c.ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + file + "\"");
    c.send(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  // ---- diff

  /** The two revisions to compare: given, else the device's last change against the version before it. */
  static String[] revisions(Call c, Fleet fleet, String n) throws Exception {
    String from = c.param("from");
    String to = c.param("to");
    List<VersionIndex.Version> vs = fleet.versions().versions(n, 2);
    if (to == null || to.isEmpty()) to = vs.isEmpty() ? "HEAD" : vs.get(0).commit();
    if (from == null || from.isEmpty()) {
      VersionIndex.Version before = null;
      List<VersionIndex.Version> all = fleet.versions().versions(n, Integer.MAX_VALUE);
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).commit().startsWith(to) && i + 1 < all.size()) before = all.get(i + 1);
      }
      from = before == null ? null : before.commit();
    }
    return new String[] {from, to};
  }

  static List<DiffView.Artifact> diffs(Fleet fleet, String n, String from, String to, int context) throws Exception {
    Map<String, String> a;
    Map<String, String> b;
    try {
      a = from == null ? Map.of() : fleet.artifacts(n, from);
      b = fleet.artifacts(n, to);
    } catch (NoSuchRevisionException e) {
      throw new Call.HttpError(404, e.getMessage());
    }
    TreeSet<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    List<DiffView.Artifact> out = new ArrayList<>();
    for (String art : names) {
      if (java.util.Objects.equals(a.get(art), b.get(art))) continue;
      out.add(DiffView.of(n, art, a.get(art), b.get(art), context));
    }
    return out;
  }

  private void diff(Call c) throws Exception {
    String n = name(c, fleet);
    String[] revs = revisions(c, fleet, n);
    boolean side = "side".equals(c.param("view"));
    int context = c.intParam("context", 3, 0, 1_000_000);
    List<DiffView.Artifact> diffs = diffs(fleet, n, revs[0], revs[1], context);
    int plus = diffs.stream().mapToInt(DiffView.Artifact::added).sum();
    int minus = diffs.stream().mapToInt(DiffView.Artifact::removed).sum();
    String base = "/devices/" + Html.enc(n) + "/diff";
    c.html(200, Layout.page(c, n + " diff", h -> {
      h.open("h1").el("a", n, "href", "/devices/" + Html.enc(n)).text(": changes").close();
      h.open("p", "class", "summary").text((revs[0] == null ? "(nothing)" : short10(revs[0])) + " \u2192 "
          + short10(revs[1]) + " ").el("span", "+" + plus, "class", "plus", "id", "plus").text(" ")
          .el("span", "-" + minus, "class", "minus", "id", "minus").close();
      h.open("p", "class", "views")
          .el("a", "Unified", "href", Html.url(base, "from", revs[0], "to", revs[1]), "id", "view-unified").text(" | ")
          .el("a", "Side by side", "href", Html.url(base, "from", revs[0], "to", revs[1], "view", "side"), "id",
              "view-side").text(" | ")
          .el("a", "Whole files", "href", Html.url(base, "from", revs[0], "to", revs[1], "view", side ? "side" : null,
              "context", "1000000")).close();
      if (diffs.isEmpty()) h.el("p", "No differences.", "id", "no-diff");
      for (DiffView.Artifact d : diffs) {
        h.open("h2").text(d.artifact() + " ").el("span", "+" + d.added(), "class", "plus").text(" ")
            .el("span", "-" + d.removed(), "class", "minus").close();
        if (side) sideBySide(h, d);
        else unified(h, d);
      }
    }));
  }

  private static String short10(String rev) {
    return rev.length() > 10 ? rev.substring(0, 10) : rev;
  }

  private static void unified(Html h, DiffView.Artifact d) {
    h.open("table", "class", "diff unified");
    for (DiffView.Row r : d.rows()) {
      switch (r.kind()) {
        case "fold" -> h.open("tr", "class", "fold").el("td", "\u22EF " + r.folded() + " unchanged lines", "colspan",
            "3").close();
        case "section" -> h.open("tr", "class", "section").el("td", r.left().text(), "colspan", "3").close();
        case "context" -> h.open("tr", "class", "ctx").el("td", String.valueOf(r.left().number()), "class", "no")
            .el("td", String.valueOf(r.right().number()), "class", "no").el("td", " " + r.left().text()).close();
        default -> {
          if (r.left() != null) {
            h.open("tr", "class", "del").el("td", String.valueOf(r.left().number()), "class", "no").el("td", "", "class",
                "no").open("td").text("-");
            marked(h, r.left().text(), r.right() == null ? null : r.right().text(), "del");
            h.close().close();
          }
          if (r.right() != null) {
            h.open("tr", "class", "add").el("td", "", "class", "no").el("td", String.valueOf(r.right().number()),
                "class", "no").open("td").text("+");
            marked(h, r.right().text(), r.left() == null ? null : r.left().text(), "ins");
            h.close().close();
          }
        }
      }
    }
    h.close();
  }

  private static void sideBySide(Html h, DiffView.Artifact d) {
    h.open("table", "class", "diff side");
    for (DiffView.Row r : d.rows()) {
      switch (r.kind()) {
        case "fold" -> h.open("tr", "class", "fold").el("td", "\u22EF " + r.folded() + " unchanged lines", "colspan",
            "4").close();
        case "section" -> h.open("tr", "class", "section").el("td", r.left().text(), "colspan", "4").close();
        default -> {
          h.open("tr", "class", r.kind());
          cell(h, r.left(), r.right(), "del", r.kind());
          cell(h, r.right(), r.left(), "ins", r.kind());
          h.close();
        }
      }
    }
    h.close();
  }

  private static void cell(Html h, DiffView.Side mine, DiffView.Side other, String tag, String kind) {
    if (mine == null) {
      h.el("td", "", "class", "no").el("td", "", "class", "empty");
      return;
    }
    h.el("td", String.valueOf(mine.number()), "class", "no");
    h.open("td", "class", kind.equals("context") ? "ctx" : tag);
    if (kind.equals("context")) h.text(mine.text());
    else marked(h, mine.text(), other == null ? null : other.text(), tag);
    h.close();
  }

  /** A changed line with the words that differ from its counterpart in {@code <del>} or {@code <ins>}. */
  private static void marked(Html h, String line, String counterpart, String tag) {
    if (counterpart == null) {
      h.text(line);
      return;
    }
    for (DiffView.Piece p : DiffView.words(line, counterpart)) {
      if (p.changed()) h.el(tag, p.text());
      else h.text(p.text());
    }
  }

  // ---- search

  static Search.Query query(Call c) {
    return new Search.Query(c.param("q", ""), "on".equals(c.param("regex")) || "1".equals(c.param("regex"))
        || "true".equals(c.param("regex")), "on".equals(c.param("icase")) || "1".equals(c.param("icase"))
        || "true".equals(c.param("icase")), "on".equals(c.param("invert")) || "1".equals(c.param("invert"))
        || "true".equals(c.param("invert")), c.intParam("context", 2, 0, Search.MAX_CONTEXT),
        c.intParam("max", 500, 1, Search.MAX_LINES), Duration.ofMillis(c.intParam("timeout", 2000, 10, 10_000)),
        blank(c.param("artifact")));
  }

  private void search(Call c) throws Exception {
    Search.Query q = query(c);
    Search.Result r = q.text().isEmpty() ? null : Search.run(q, site.configs().now());
    c.html(200, Layout.page(c, "Search", h -> {
      h.el("h1", "Search current configs");
      h.open("form", "method", "get", "action", "/search", "class", "search")
          .open("label").text("Find ").empty("input", "name", "q", "id", "q", "value", q.text(), "size", "40").close()
          .open("label").empty("input", "type", "checkbox", "name", "regex", "id", "regex", "checked",
              q.regex() ? "checked" : null).text(" regular expression").close()
          .open("label").empty("input", "type", "checkbox", "name", "icase", "checked",
              q.ignoreCase() ? "checked" : null).text(" ignore case").close()
          .open("label").empty("input", "type", "checkbox", "name", "invert", "id", "invert", "checked",
              q.invert() ? "checked" : null).text(" devices that do NOT contain it").close()
          .open("label").text(" context lines ").empty("input", "type", "number", "name", "context", "id", "context",
              "min", "0", "max", String.valueOf(Search.MAX_CONTEXT), "value", String.valueOf(q.context())).close()
          .open("label").text(" artifact ").empty("input", "name", "artifact", "value", q.artifact(), "placeholder",
              "all").close()
          .el("button", "Search", "type", "submit", "id", "search-go").close();
      if (r == null) return;
      h.open("p", "class", "summary", "id", "search-summary");
      if (q.invert()) {
        h.text(r.without().size() + " of " + r.devicesSearched() + " devices do not contain it");
      } else {
        h.text(r.matchingLines() + " matching lines on " + r.devicesMatched() + " of " + r.devicesSearched()
            + " devices searched");
      }
      h.text(" (" + r.tookMillis() + " ms)");
      if (r.truncated()) h.el("strong", " Stopped at " + q.maxLines() + " lines; narrow the search.");
      if (r.timedOut()) h.el("strong", " Stopped at the time limit; the result is partial.");
      h.close();
      if (q.invert()) {
        h.open("ul", "class", "without", "id", "without");
        for (String d : r.without()) h.open("li").el("a", d, "href", "/devices/" + Html.enc(d)).close();
        h.close();
        return;
      }
      String last = null;
      for (Search.Hit hit : r.hits()) {
        if (!hit.device().equals(last)) {
          h.open("h2", "class", "device").el("a", hit.device(), "href", "/devices/" + Html.enc(hit.device())).close();
          last = hit.device();
        }
        h.open("h3").el("a", hit.artifact(), "href", "/devices/" + Html.enc(hit.device()) + "/at/HEAD/"
            + path(hit.artifact())).text(" (" + hit.matches() + ")").close();
        for (List<Search.Line> group : hit.groups()) {
          h.open("pre", "class", "hits");
          for (Search.Line l : group) {
            h.open("span", "class", l.match() ? "line match" : "line ctx")
                .el("span", String.valueOf(l.number()), "class", "no").text(l.text()).close().text("\n");
          }
          h.close();
        }
      }
    }));
  }

  // ---- runs

  private void runs(Call c) throws Exception {
    List<RunLog.Run> runs = fleet.runLog().runs(c.intParam("max", 100, 1, 5000));
    List<RunLog.Event> events = fleet.runLog().events(null, 50);
    c.html(200, Layout.page(c, "Runs", h -> {
      h.el("h1", "Runs");
      if (runs.isEmpty()) h.el("p", "No runs recorded yet.");
      h.open("table", "class", "runs", "id", "runs").open("thead").open("tr").el("th", "Started").el("th", "Took")
          .el("th", "Trigger").el("th", "Changed").el("th", "New").el("th", "Unchanged").el("th", "Failed")
          .el("th", "Commit").close().close().open("tbody");
      for (RunLog.Run r : runs) {
        h.open("tr", "class", r.failed() > 0 ? "status-failed" : "status-ok").el("td", Layout.time(r.started()))
            .el("td", String.format("%.1f s", r.took().toMillis() / 1000.0)).el("td", r.trigger())
            .el("td", String.valueOf(r.changed())).el("td", String.valueOf(r.added()))
            .el("td", String.valueOf(r.unchanged()))
            .el("td", r.failed() + (r.failedDevices().isEmpty() ? "" : ": " + String.join(", ", r.failedDevices())))
            .el("td", r.commit() == null ? "" : short10(r.commit())).close();
      }
      h.close().close();
      h.el("h2", "Events");
      if (events.isEmpty()) h.el("p", "No events recorded.");
      h.open("ul", "class", "events");
      for (RunLog.Event e : events) {
        h.open("li", "class", "sev-" + e.severity().toLowerCase(java.util.Locale.ROOT))
            .el("span", Layout.time(e.time()), "class", "when").text(" ").el("strong", e.severity()).text(" ")
            .el("a", e.device(), "href", "/devices/" + Html.enc(e.device())).text(": " + e.message()).close();
      }
      h.close();
    }));
  }

  // ---- back up now

  private void backup(Call c) throws Exception {
    String n = name(c, fleet);
    RunSummary s = runBackup(site, n, c.principal);
    c.html(s.outcome().equals("failed") ? 502 : 200, Layout.page(c, n + " backed up", h -> {
      h.open("h1").el("a", n, "href", "/devices/" + Html.enc(n)).text(": back up now").close();
      h.open("p", "class", "result " + s.outcome(), "id", "backup-result")
          .el("span", s.outcome(), "class", "badge " + s.outcome())
          .text(" in " + String.format("%.1f s", s.took().toMillis() / 1000.0) + ". " + (s.detail() == null ? ""
              : s.detail())).close();
      if (s.commit() != null) {
        h.open("p").el("a", "See what changed", "href", Html.url("/devices/" + Html.enc(n) + "/diff", "to", s.commit()),
            "id", "backup-diff").close();
      }
      h.open("p").el("a", "Back to " + n, "href", "/devices/" + Html.enc(n)).close();
    }));
  }

  static RunSummary runBackup(Site site, String n, Principal who) throws Exception {
    if (site.backupNow() == null) {
      throw new Call.HttpError(503, "this server cannot run backups (started without the run pipeline)");
    }
    return site.backupNow().backup(n, who.name());
  }
}
