package dev.patina.bench;

import dev.patina.inventory.HttpSettings;
import dev.patina.store.RepoStore;
import dev.patina.store.RunStatus;
import dev.patina.store.VersionIndex;
import dev.patina.web.Fleet;
import dev.patina.web.Shown;
import dev.patina.web.Site;
import dev.patina.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * 7. The web at scale, over real HTTP on loopback (the figures include the request's round trip):
 * versions of one device among 20,000 commits (from the version index, and the index rebuilt from
 * git), the devices and device pages at 10,000 devices, and search over 10,000 configs.
 */
final class WebBench {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebBench() {}

  private static double get(URI base, String path, int expect) throws Exception {
    long t = System.nanoTime();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .build(), HttpResponse.BodyHandlers.ofString());
    double s = (System.nanoTime() - t) / 1e9;
    if (r.statusCode() != expect) throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    return s;
  }

  private static Stats repeat(URI base, String path, int warmup, int repeats) throws Exception {
    for (int i = 0; i < warmup; i++) get(base, path, 200);
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < repeats; i++) times.add(get(base, path, 200));
    return Stats.of(times);
  }

  private static WebServer serve(RepoStore store, Path dir) throws Exception {
    Site site = new Site(new Fleet(store, () -> null, Shown.AS_STORED), null, null, null);
    return WebServer.start(new HttpSettings("127.0.0.1:0", null, null, dir.resolve("users"), "none", null), site);
  }

  static void versions(int commits, int repeats, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-web-versions");
    try {
      try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
        Random random = new Random(7);
        for (int c = 0; c < commits; c++) {
          Map<String, Map<String, String>> change = new HashMap<>();
          for (int k = 0; k < 2; k++) {
            int d = random.nextInt(100);
            change.put("dev-" + d, Map.of("running-config", "hostname dev-" + d + "\n! change " + c + "\nend\n"));
          }
          store.writer().commit(change, "run " + c, null);
          if (c % 2000 == 1999) store.writer().housekeepingNow(); // packed now and then (gc per commit is slow here)
        }
        store.writer().housekeepingNow();
      }
      List<Double> open = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
          long t = System.nanoTime();
          store.versions();
          open.add((System.nanoTime() - t) / 1e9);
        }
      }
      table.row("7. version index of " + commits + " commits read at start (kept at commit time)",
          Stats.of(open).format("s"));
      List<Double> rebuild = new ArrayList<>();
      for (int r = 0; r < Math.min(3, repeats); r++) {
        Files.delete(dir.resolve("repo").resolve("patina-versions.idx"));
        try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
          long t = System.nanoTime();
          store.versions();
          rebuild.add((System.nanoTime() - t) / 1e9);
        }
      }
      table.row("7. version index rebuilt from git over " + commits + " commits (file deleted)",
          Stats.of(rebuild).format("s"));
      try (RepoStore store = RepoStore.open(dir.resolve("repo")); WebServer web = serve(store, dir)) {
        VersionIndex v = store.versions();
        int n = v.count("dev-42");
        List<Double> direct = new ArrayList<>();
        for (int r = 0; r < repeats * 20; r++) {
          long t = System.nanoTime();
          v.versions("dev-42", Integer.MAX_VALUE);
          direct.add((System.nanoTime() - t) / 1e9);
        }
        table.row("7. versions of one device (" + n + ") among " + commits + " commits, from the index",
            Stats.of(direct).format("s"));
        table.row("7. GET /api/v1/devices/dev-42/versions (" + n + " versions, " + commits + " commits), HTTP",
            repeat(web.uri(), "api/v1/devices/dev-42/versions?max=100000", 3, repeats).format("s"));
        table.row("7. GET /node/version.json?node_full=dev-42 (oxidized-web route), HTTP",
            repeat(web.uri(), "node/version.json?node_full=dev-42", 3, repeats).format("s"));
        table.row("7. GET /devices/dev-42 (device page with its timeline), HTTP",
            repeat(web.uri(), "devices/dev-42", 3, repeats).format("s"));
      }
    } finally {
      Bench.deleteTree(dir);
    }
  }

  static void fleet(int devices, int repeats, Table table) throws Exception {
    Path dir = Files.createTempDirectory("patina-bench-web-fleet");
    try (RepoStore store = RepoStore.open(dir.resolve("repo"))) {
      Map<String, Map<String, String>> all = new HashMap<>();
      for (int i = 0; i < devices; i++) all.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 300, 0)));
      store.writer().commit(all, "initial", null);
      Map<String, Map<String, String>> some = new HashMap<>();
      for (int i = 0; i < devices; i += 10) some.put("dev-" + i, Map.of("running-config", SyntheticIos.config(i, 300, 1)));
      store.writer().commit(some, "10% changed", null);
      store.writer().housekeepingNow();
      RunStatus status = store.status();
      Instant now = Instant.now();
      for (int i = 0; i < devices; i++) {
        if (i % 50 == 0) status.recordFailure("dev-" + i, now, FAILURE);
        else status.recordSuccess("dev-" + i, now);
      }
      status.save();
      long bytes = all.values().stream().mapToLong(m -> m.get("running-config").length()).sum();
      try (WebServer web = serve(store, dir)) {
        URI base = web.uri();
        table.row("7. GET /devices, " + devices + " devices, first page of 100 by name, HTTP",
            repeat(base, "devices", 3, repeats).format("s"));
        table.row("7. GET /devices?q=dev-12&sort=change&dir=desc (filtered, sorted), HTTP",
            repeat(base, "devices?q=dev-12&sort=change&dir=desc", 3, repeats).format("s"));
        table.row("7. GET /devices/dev-5000 (device page), HTTP", repeat(base, "devices/dev-5000", 3, repeats)
            .format("s"));
        table.row("7. GET /nodes.json (" + devices + " nodes), HTTP", repeat(base, "nodes.json", 2, repeats)
            .format("s"));
        double cold = get(base, "api/v1/search?q=hostname&max=10", 200);
        table.row(String.format(Locale.ROOT, "7. first search: reads %,d configs (%.0f MiB) into memory",
            devices, bytes / 1048576.0), String.format(Locale.ROOT, "%.3f s", cold));
        table.row("7. search, literal \"access port 1-1\", " + devices + " configs, up to 500 lines shown",
            repeat(base, "api/v1/search?q=access+port+1-1&max=500", 2, repeats).format("s"));
        table.row("7. search, literal that no config has (every line read), " + devices + " configs",
            repeat(base, "api/v1/search?q=no-such-line-anywhere", 2, repeats).format("s"));
        table.row("7. search, regex ^interface .*/0/4[0-9]$, " + devices + " configs, up to 5,000 lines",
            repeat(base, "api/v1/search?regex=1&max=5000&q=" + enc("^interface .*/0/4[0-9]$"), 2, repeats)
                .format("s"));
        table.row("7. search, devices that do NOT contain \" rev 1\" (9 in 10), " + devices + " configs",
            repeat(base, "api/v1/search?invert=1&q=" + enc(" rev 1"), 2, repeats).format("s"));
        table.row("7. search, regex \\d+\\.\\d+\\.\\d+\\.\\d+ \\d+\\.\\d+\\.\\d+\\.\\d+ "
            + "(no required text; one line a config), " + devices + " configs, up to 5,000 lines",
            repeat(base, "api/v1/search?regex=1&max=5000&q=" + enc("\\d+\\.\\d+\\.\\d+\\.\\d+ \\d+\\.\\d+\\.\\d+\\.\\d+"), 2,
                repeats).format("s"));
        table.row("7. search, regex (permit|deny) udp .* eq [0-9]+$ that no line matches (no required text), "
            + devices + " configs", repeat(base, "api/v1/search?regex=1&q=" + enc("(permit|deny) udp .* eq [0-9]+$"), 2,
                repeats).format("s"));
        table.row("7. search, literal ignoring case \"SPANNING-TREE BPDUGUARD\" that no config has, " + devices
            + " configs", repeat(base, "api/v1/search?icase=1&q=" + enc("SPANNING-TREE BPDUGUARD"), 2, repeats)
                .format("s"));
        table.row("7. search, regex (\\s*\\S+\\s*)+[Q]{3}$ that no line matches (a backtracker's worst case; "
            + "no required text), " + devices + " configs, bounded at 2 s",
            repeat(base, "api/v1/search?regex=1&q=" + enc("(\\s*\\S+\\s*)+[Q]{3}$"), 1, Math.min(3, repeats))
                .format("s"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("api/v1/search?regex=1&q="
            + enc("(\\s*\\S+\\s*)+[Q]{3}$"))).build(), HttpResponse.BodyHandlers.ofString());
        table.row("7. that search's answer", r.body().replaceAll(".*(\"devices_searched\":\\d+).*(\"timed_out\":\\w+).*",
            "$1, $2"));
      }
    } finally {
      Bench.deleteTree(dir);
    }
  }

  private static final String FAILURE = "timeout: no prompt within 60 s after login";

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
