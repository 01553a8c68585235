package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patina.app.web.WebProcess;
import dev.patina.sim.os.SystemProgram;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's Prometheus server scrapes /metrics with the metrics token and answers a query for a Patina series. */
class PrometheusScrapeSystemTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";

  @Test
  void prometheusScrapesTheDeviceSeriesWithTheMetricsToken(@TempDir Path dir) throws Exception {
    Path prometheus = SystemProgram.need("prometheus");
    try (TestFleet fleet = new TestFleet(dir).ios("core-sw1", C9200)) {
      fleet.service("http: { metrics-token: scrape-token-42 }");
      Path config = fleet.config();
      assertEquals(0, fleet.patina("run").status());
      try (WebProcess web = WebProcess.start(config, "127.0.0.1:0", Duration.ofSeconds(30), System.out)) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
          port = s.getLocalPort();
        }
        Path yml = dir.resolve("prometheus.yml");
        Files.writeString(yml, """
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            scrape_configs:
              - job_name: patina
                authorization: { type: Bearer, credentials: scrape-token-42 }
                static_configs: [ { targets: ["127.0.0.1:%d"] } ]
            """.formatted(web.server().uri().getPort()));
        Process p = new ProcessBuilder(prometheus.toString(), "--config.file=" + yml,
            "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
          HttpClient http = HttpClient.newHttpClient();
          URI query = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
              + java.net.URLEncoder.encode("patina_device_up{device=\"core-sw1\"}", "UTF-8"));
          JsonNode result = null;
          long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
          while (System.nanoTime() < until) {
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                JsonNode body = new ObjectMapper().readTree(r.body());
                if (body.path("data").path("result").size() > 0) {
                  result = body.path("data").path("result").get(0);
                  break;
                }
              }
            } catch (java.io.IOException notYet) {
              // prometheus is still starting
            }
            Thread.sleep(500);
          }
          assertTrue(result != null, "prometheus never had the series; its log:\n"
              + Files.readString(dir.resolve("prometheus.log")));
          assertEquals("1", result.get("value").get(1).asText());
          assertEquals("cisco-ios", result.get("metric").get("model").asText());
        } finally {
          p.destroy();
          if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
      }
    }
  }
}
