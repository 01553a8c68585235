package dev.patina.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patina.inventory.HttpSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web server over real HTTP on loopback: authentication, roles, CSRF, escaping, headers, refusals. */
class WebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void withoutCredentialsTheApiAnswers401AndPagesSendToTheLoginForm() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> api = s.get("/api/v1/devices");
      assertEquals(401, api.statusCode());
      assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      assertTrue(JSON.readTree(api.body()).get("error").asText().contains("patina user token"), api.body());
      HttpResponse<String> page = s.get("/devices/core-sw1");
      assertEquals(303, page.statusCode());
      assertEquals("/login?next=%2Fdevices%2Fcore-sw1", page.headers().firstValue("Location").orElseThrow());
      assertEquals(401, s.get("/nodes.json").statusCode());
      assertEquals(401, s.get("/metrics").statusCode());
      assertEquals(401, s.get("/api/v1/devices", "Authorization", "Bearer pat_not-a-real-token").statusCode());
      assertEquals(200, s.get("/healthz").statusCode());
    }
  }

  @Test
  void aViewerTokenReadsTheApiButMayNotStartABackup() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> r = s.get("/api/v1/devices", "Authorization", TestSite.bearer(s.viewerToken));
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      assertEquals(3, body.get("total").asInt());
      JsonNode core = body.get("devices").get(1);
      assertEquals("core-sw1", core.get("name").asText());
      assertEquals(2, core.get("versions").asInt());
      assertTrue(core.has("status") && core.has("last_change") && core.has("failures_in_a_row"), core.toString());
      HttpResponse<String> refused = s.post("/api/v1/devices/core-sw1/backup", "", "Authorization",
          TestSite.bearer(s.viewerToken));
      assertEquals(403, refused.statusCode());
      assertTrue(refused.body().contains("operator"), refused.body());
      assertTrue(s.backups.isEmpty());
    }
  }

  @Test
  void anOperatorTokenStartsABackupThroughTheApiAndSeesItsCommit() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> r = s.post("/api/v1/devices/edge-rtr1/backup", "", "Authorization",
          TestSite.bearer(s.operatorToken));
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("changed", body.get("outcome").asText());
      assertEquals(java.util.List.of("edge-rtr1 by librenms"), s.backups);
      JsonNode versions = JSON.readTree(s.get("/api/v1/devices/edge-rtr1/versions", "Authorization",
          TestSite.bearer(s.viewerToken)).body());
      assertEquals(body.get("commit").asText(), versions.get(0).get("commit").asText());
      assertEquals(2, versions.size());
    }
  }

  @Test
  void aSessionPostWithoutItsCsrfTokenIsRefusedAndWithItRunsTheBackup() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String[] login = s.login();
      String cookie = WebServer.SESSION_COOKIE + "=" + login[0];
      HttpResponse<String> noToken = s.post("/devices/core-sw1/backup", "", "Cookie", cookie);
      assertEquals(403, noToken.statusCode());
      assertTrue(noToken.body().contains("CSRF"), noToken.body());
      HttpResponse<String> wrong = s.post("/devices/core-sw1/backup", "csrf=" + login[1] + "x", "Cookie", cookie);
      assertEquals(403, wrong.statusCode());
      HttpResponse<String> crossSite = s.post("/devices/core-sw1/backup", "csrf=" + login[1], "Cookie", cookie,
          "Sec-Fetch-Site", "cross-site");
      assertEquals(403, crossSite.statusCode());
      assertTrue(s.backups.isEmpty(), s.backups.toString());
      HttpResponse<String> ok = s.post("/devices/core-sw1/backup", "csrf=" + login[1], "Cookie", cookie);
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(ok.body().contains("id=\"backup-result\""), ok.body());
      assertEquals(java.util.List.of("core-sw1 by admin"), s.backups);
    }
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteAndAWrongPasswordIsRefused() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> form = s.get("/login");
      String loginCookie = TestSite.cookie(form, LoginPages.LOGIN_COOKIE);
      String csrf = TestSite.hidden(form.body(), "csrf");
      HttpResponse<String> bad = s.post("/login", "csrf=" + csrf + "&user=admin&password=guess", "Cookie",
          LoginPages.LOGIN_COOKIE + "=" + loginCookie);
      assertEquals(401, bad.statusCode());
      assertTrue(bad.body().contains("Wrong user name or password"), bad.body());
      HttpResponse<String> noCsrf = s.post("/login", "user=admin&password=x", "Cookie",
          LoginPages.LOGIN_COOKIE + "=" + loginCookie);
      assertEquals(403, noCsrf.statusCode());
      HttpResponse<String> good = s.post("/login", "csrf=" + csrf + "&user=admin&password="
          + TestSite.PASSWORD.replace(' ', '+') + "&next=//evil.example/", "Cookie",
          LoginPages.LOGIN_COOKIE + "=" + loginCookie);
      assertEquals(303, good.statusCode());
      assertEquals("/devices", good.headers().firstValue("Location").orElseThrow(), "no open redirect");
      String set = TestSite.setCookieHeader(good, WebServer.SESSION_COOKIE);
      assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && !set.contains("Secure"), set);
    }
  }

  @Test
  void loginsAreRateLimitedAfterFiveFailures() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> form = s.get("/login");
      String cookie = LoginPages.LOGIN_COOKIE + "=" + TestSite.cookie(form, LoginPages.LOGIN_COOKIE);
      String csrf = TestSite.hidden(form.body(), "csrf");
      for (int i = 0; i < LoginLimiter.MAX_FAILURES; i++) {
        assertEquals(401, s.post("/login", "csrf=" + csrf + "&user=admin&password=guess" + i, "Cookie", cookie)
            .statusCode());
      }
      HttpResponse<String> limited = s.post("/login", "csrf=" + csrf + "&user=admin&password="
          + TestSite.PASSWORD.replace(' ', '+'), "Cookie", cookie);
      assertEquals(429, limited.statusCode());
      assertTrue(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
    }
  }

  @Test
  void aDeviceNamedScriptAndMarkupInAConfigLineAreShownAsText() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String cookie = WebServer.SESSION_COOKIE + "=" + s.login()[0];
      String list = s.get("/devices", "Cookie", cookie).body();
      assertTrue(list.contains("&lt;script&gt;"), list);
      assertFalse(list.replace("<script src=\"/static/patina.js\" defer=\"defer\"></script>", "").contains("<script"),
          list);
      HttpResponse<String> config = s.get("/devices/%3Cscript%3E/at/HEAD/running-config", "Cookie", cookie);
      assertEquals(200, config.statusCode(), config.body());
      assertTrue(config.body().contains("&lt;img src=x onerror=alert(1)&gt;"), config.body());
      assertFalse(config.body().contains("<img"), config.body());
      HttpResponse<String> json = s.get("/api/v1/search?q=onerror", "Authorization", TestSite.bearer(s.viewerToken));
      assertEquals("application/json; charset=utf-8", json.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(json.body().contains("<img src=x onerror=alert(1)>"), "JSON carries the text as it is: "
          + json.body());
    }
  }

  @Test
  void everyAnswerCarriesAContentSecurityPolicyWithoutInlineScript() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      for (String path : new String[] {"/login", "/devices", "/api/v1/devices", "/nope"}) {
        HttpResponse<String> r = s.get(path);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
      }
    }
  }

  @Test
  void listeningBeyondLoopbackWithoutUsersIsRefusedUnlessAuthIsNone() throws Exception {
    Path noUsers = dir.resolve("nobody");
    try (var store = dev.patina.store.RepoStore.open(dir.resolve("repo"))) {
      Site site = new Site(new Fleet(store, () -> null, Shown.AS_STORED), null, null, null);
      WebConfigException e = assertThrows(WebConfigException.class, () -> WebServer.start(
          new HttpSettings("0.0.0.0:0", null, null, noUsers, null, null), site));
      assertTrue(e.getMessage().contains("0.0.0.0") && e.getMessage().contains("patina user add")
          && e.getMessage().contains("auth: none"), e.getMessage());
      assertThrows(WebConfigException.class, () -> WebServer.start(
          new HttpSettings("0.0.0.0:0", null, null, noUsers, "users", null), site));
      try (WebServer open = WebServer.start(new HttpSettings("0.0.0.0:0", null, null, noUsers, "none", null), site)) {
        assertFalse(open.authRequired());
      }
      try (WebServer local = WebServer.start(new HttpSettings("127.0.0.1:0", null, null, noUsers, null, null), site)) {
        assertFalse(local.authRequired(), "loopback without users serves without login");
      }
      Files.writeString(noUsers, "user admin boss nothing\n");
      WebConfigException broken = assertThrows(WebConfigException.class, () -> WebServer.start(
          new HttpSettings("127.0.0.1:0", null, null, noUsers, null, null), site));
      assertTrue(broken.getMessage().contains(noUsers + ":1:") && broken.getMessage().contains("viewer, operator or "
          + "admin"), broken.getMessage());
    }
  }

  @Test
  void metricsNeedATokenAndShowEachDevice() throws Exception {
    try (TestSite s = new TestSite(dir, "users", "scrape-secret-1")) {
      java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>(java.util.Map.of("received", 7L));
      s.site().metrics().changeMessages(() -> counters); // as patina serve with changes: registers them
      counters.put("matched", 3L); // read at scrape time, not at registration
      s.site().metrics().commit(java.time.Duration.ofMillis(30)); // as RunMetrics records a run's commit
      assertEquals(401, s.get("/metrics").statusCode());
      HttpResponse<String> r = s.get("/metrics", "Authorization", "Bearer scrape-secret-1");
      assertTrue(r.body().contains("patina_change_messages_total{counter=\"received\"} 7.0"), r.body());
      assertTrue(r.body().contains("patina_change_messages_total{counter=\"matched\"} 3.0"), r.body());
      assertTrue(r.body().contains("patina_commit_duration_seconds_count 1"), r.body());
      assertTrue(r.body().contains("patina_commit_duration_seconds_bucket{le=\"0.05\"} 1"), r.body());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
      assertTrue(r.body().contains("patina_device_last_change_timestamp_seconds{device=\"core-sw1\""), r.body());
      assertTrue(r.body().contains("patina_repository_commits 2.0"), r.body());
      assertTrue(r.body().contains("jvm_memory_used_bytes"), "JVM basics");
      assertEquals(401, s.get("/api/v1/devices", "Authorization", "Bearer scrape-secret-1").statusCode(),
          "the metrics token opens nothing else");
      assertNotNull(s.get("/readyz").body());
    }
  }
}
