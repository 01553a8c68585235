package dev.patina.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON shapes of /api/v1 and of the oxidized-web routes, diff and search, over real HTTP. */
class ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void theOxidizedNodeListHasTheFieldsLibreNmsReads() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String auth = TestSite.bearer(s.viewerToken);
      JsonNode nodes = json(s.get("/nodes.json", "Authorization", auth));
      assertEquals(3, nodes.size());
      JsonNode core = nodes.get(1);
      assertEquals(List.of("name", "full_name", "ip", "group", "model", "last", "vars", "mtime", "status", "time"),
          names(core));
      assertEquals("core-sw1", core.get("full_name").asText());
      assertEquals("default", core.get("group").asText());
      assertEquals("success", core.get("status").asText(), "stored, so once backed up, though no status file yet");
      JsonNode show = json(s.get("/node/show/core-sw1.json", "Authorization", auth));
      assertEquals("core-sw1", show.get("name").asText());
      assertTrue(json(s.get("/nodes/stats.json", "Authorization", auth)).has("edge-rtr1"));
    }
  }

  @Test
  void oxidizedVersionsViewAndDiffsAnswerWithOidsAndLines() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String auth = TestSite.bearer(s.viewerToken);
      JsonNode versions = json(s.get("/node/version.json?node_full=core-sw1", "Authorization", auth));
      assertEquals(2, versions.size());
      assertEquals(s.second, versions.get(0).get("oid").asText());
      assertEquals("alice", versions.get(0).get("author").get("name").asText());
      assertTrue(versions.get(0).get("date").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+0000"));
      JsonNode view = json(s.get("/node/version/view.json?node=core-sw1&group=&oid=" + s.first + "&format=json",
          "Authorization", auth));
      assertEquals("hostname core-sw1\n", view.get(0).asText());
      assertEquals(" description uplink one\n", view.get(2).asText());
      HttpResponse<String> text = s.get("/node/version/view?node=core-sw1&oid=" + s.first + "&format=text",
          "Authorization", auth);
      assertTrue(text.body().startsWith("hostname core-sw1\ninterface"), text.body());
      JsonNode diff = json(s.get("/node/version/diffs?node=core-sw1&group=&oid=" + s.second + "&format=json",
          "Authorization", auth));
      String patch = String.join("", JSON.convertValue(diff, String[].class));
      assertTrue(patch.contains("- description uplink one\n+ description uplink to dist-2\n"), patch);
      HttpResponse<String> fetch = s.get("/node/fetch/core-sw1", "Authorization", auth);
      assertTrue(fetch.body().contains("description uplink to dist-2"), fetch.body());
      assertEquals(404, s.get("/node/fetch/some-group/nosuch", "Authorization", auth).statusCode());
      assertEquals(403, s.get("/node/next/core-sw1.json", "Authorization", auth).statusCode(), "viewer");
    }
  }

  @Test
  void nodeNextWithAnOperatorTokenQueuesABackupAsOxidizedDoes() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      HttpResponse<String> r = s.get("/node/next/default/edge-rtr1.json", "Authorization",
          TestSite.bearer(s.operatorToken));
      assertEquals("[\"ok\"]", r.body());
      long until = System.currentTimeMillis() + 10_000;
      while (s.backups.isEmpty() && System.currentTimeMillis() < until) Thread.sleep(20);
      assertEquals(List.of("edge-rtr1 by librenms"), s.backups);
    }
  }

  @Test
  void theDiffApiGivesTheLastChangeWithItsDiffstat() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      JsonNode d = json(s.get("/api/v1/devices/core-sw1/diff", "Authorization", TestSite.bearer(s.viewerToken)));
      assertEquals(s.first, d.get("from").asText());
      assertEquals(s.second, d.get("to").asText());
      assertEquals(1, d.get("added").asInt());
      assertEquals(1, d.get("removed").asInt());
      assertEquals("running-config", d.get("artifacts").get(0).get("artifact").asText());
      JsonNode a = json(s.get("/api/v1/devices/core-sw1/artifacts/" + s.first + "/running-config", "Authorization",
          TestSite.bearer(s.viewerToken)));
      assertTrue(a.get("text").asText().contains("uplink one"));
      assertEquals(404, s.get("/api/v1/devices/core-sw1/artifacts/" + s.first + "/nothing", "Authorization",
          TestSite.bearer(s.viewerToken)).statusCode());
      assertEquals(404, s.get("/api/v1/devices/nosuch", "Authorization", TestSite.bearer(s.viewerToken))
          .statusCode());
    }
  }

  @Test
  void theDiffPageMarksTheChangedWordsAndCountsPlusAndMinus() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String cookie = WebServer.SESSION_COOKIE + "=" + s.login()[0];
      String page = s.get("/devices/core-sw1/diff?view=side", "Cookie", cookie).body();
      assertTrue(page.contains("id=\"plus\">+1</span>") && page.contains("id=\"minus\">-1</span>"), page);
      assertTrue(page.contains("<del>one</del>"), page);
      assertTrue(page.contains(" description uplink <ins>to dist-2</ins>"), page);
    }
  }

  @Test
  void searchShowsMatchingLinesWithContextAndTheDevicesThatLackIt() throws Exception {
    try (TestSite s = new TestSite(dir)) {
      String auth = TestSite.bearer(s.viewerToken);
      JsonNode r = json(s.get("/api/v1/search?q=desc.*dist&regex=1&context=1", "Authorization", auth));
      assertEquals(1, r.get("matching_lines").asInt());
      JsonNode group = r.get("results").get(0).get("groups").get(0);
      assertEquals("core-sw1", r.get("results").get(0).get("device").asText());
      assertEquals(3, group.size(), "the line and one line of context each side: " + group);
      assertEquals(3, group.get(1).get("line").asInt());
      assertTrue(group.get(1).get("match").asBoolean());
      assertFalse(group.get(0).get("match").asBoolean());
      JsonNode lacking = json(s.get("/api/v1/search?q=switchport&invert=1", "Authorization", auth));
      assertEquals("[\"<script>\",\"edge-rtr1\"]", lacking.get("without").toString());
      assertEquals(400, s.get("/api/v1/search?q=(a&regex=1", "Authorization", auth).statusCode());
      assertEquals(400, s.get("/api/v1/search?q=(a)%5C1&regex=1", "Authorization", auth).statusCode(),
          "backreferences are not linear-time and are refused");
    }
  }
}
