package dev.patina.web;

import dev.patina.inventory.HttpSettings;
import dev.patina.inventory.Secret;
import dev.patina.store.RepoStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real repository with a few devices (one named {@code <script>} with markup in its config),
 * a users file, and a web server on a loopback port, for tests over real HTTP.
 */
final class TestSite implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  final RepoStore store;
  final Users users;
  final String viewerToken;
  final String operatorToken;
  final WebServer server;
  final Site site;
  final List<String> backups = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger commits = new AtomicInteger();
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  String first;
  String second;

  TestSite(Path dir) throws Exception {
    this(dir, "users", null);
  }

  TestSite(Path dir, String auth, String metricsToken) throws Exception {
    store = RepoStore.open(dir.resolve("repo"));
    first = store.writer().commit(Map.of(
        "core-sw1", Map.of("running-config", "hostname core-sw1\ninterface Gi1/0/1\n description uplink one\n"
            + " switchport mode access\n!\nend\n", "state/vrrp", "vrrp VI_1\n  state: MASTER\n"),
        "edge-rtr1", Map.of("running-config", "hostname edge-rtr1\nip route 0.0.0.0 0.0.0.0 192.0.2.1\n"),
        "<script>", Map.of("running-config", "hostname evil\n description <img src=x onerror=alert(1)>\n")),
        "3 new: core-sw1, edge-rtr1, <script>", "Patina").orElseThrow().id();
    second = store.writer().commit(Map.of("core-sw1", Map.of("running-config", "hostname core-sw1\ninterface Gi1/0/1\n"
        + " description uplink to dist-2\n switchport mode access\n!\nend\n", "state/vrrp",
        "vrrp VI_1\n  state: MASTER\n")), "1 changed: core-sw1", "alice").orElseThrow().id();
    users = Users.load(dir.resolve("users"));
    users.addUser("admin", Role.ADMIN, PASSWORD.toCharArray());
    viewerToken = users.addToken("grafana", Role.VIEWER);
    operatorToken = users.addToken("librenms", Role.OPERATOR);
    Fleet fleet = new Fleet(store, () -> null, Shown.AS_STORED);
    BackupNow backupNow = (device, who) -> {
      // a stand-in for the app's pipeline (tested with real devices in app): store a new version
      String id = store.writer().commit(Map.of(device, Map.of("running-config", "hostname " + device + "\n! backup "
          + commits.incrementAndGet() + "\n")), "1 changed: " + device, who).map(c -> c.id()).orElse(null);
      synchronized (backups) {
        backups.add(device + " by " + who);
      }
      return new RunSummary(device, "changed", "running-config +1 -1", id, Duration.ofMillis(5));
    };
    site = new Site(fleet, backupNow, null, dir.resolve("outbox"));
    server = WebServer.start(new HttpSettings("127.0.0.1:0", null, null, dir.resolve("users"), auth,
        metricsToken == null ? null : new Secret(metricsToken)), site);
  }

  Site site() {
    return site;
  }

  URI uri(String path) {
    return server.uri().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String form, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded");
    if (headers.length > 0) b.headers(headers);
    return http.send(b.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The value of cookie {@code name} among the response's Set-Cookie headers, or null. */
  static String cookie(HttpResponse<?> r, String name) {
    for (String h : r.headers().allValues("Set-Cookie")) {
      if (h.startsWith(name + "=")) return h.substring(name.length() + 1, h.indexOf(';'));
    }
    return null;
  }

  static String setCookieHeader(HttpResponse<?> r, String name) {
    return r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst().orElse(null);
  }

  /** The value of the hidden input {@code name} in a page. */
  static String hidden(String page, String name) {
    int at = page.indexOf("name=\"" + name + "\" value=\"");
    if (at < 0) throw new AssertionError("no hidden field " + name + " in:\n" + page);
    int from = at + ("name=\"" + name + "\" value=\"").length();
    return page.substring(from, page.indexOf('"', from));
  }

  /** Logs in through the form as a browser would; returns the session cookie and the CSRF token. */
  String[] login() throws Exception {
    HttpResponse<String> form = get("/login");
    String loginCookie = cookie(form, LoginPages.LOGIN_COOKIE);
    String csrf = hidden(form.body(), "csrf");
    HttpResponse<String> r = post("/login", "csrf=" + csrf + "&user=admin&password=" + PASSWORD.replace(" ", "+")
        + "&next=/devices", "Cookie", LoginPages.LOGIN_COOKIE + "=" + loginCookie);
    if (r.statusCode() != 303) throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
    String session = cookie(r, WebServer.SESSION_COOKIE);
    HttpResponse<String> page = get("/devices", "Cookie", WebServer.SESSION_COOKIE + "=" + session);
    return new String[] {session, hidden(page.body(), "csrf")};
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
