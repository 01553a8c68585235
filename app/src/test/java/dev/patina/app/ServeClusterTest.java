package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeClusterTest {
  @TempDir Path dir;

  private Path config(String repository) throws Exception {
    Files.writeString(dir.resolve("devices.yaml"), """
        devices:
          - { name: core-sw1, host: 127.0.0.1, model: cisco-ios, username: u, password: p }
        """);
    Path config = dir.resolve("patina.yaml");
    Files.writeString(config, repository + """
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:1/patina", user: patina }
          node: collector-1
        """);
    return config;
  }

  @Test
  void aClusterNodeWithoutRepositoryPushIsRefusedBeforeAnythingStarts() throws Exception {
    Path config = config("repository: repo\n");
    TestFleet.Result r = TestFleet.run("--config", config.toString(), "serve");
    assertEquals(Main.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("patina: patina.yaml sets cluster:, which needs repository: push:"), r.toString());
    assertTrue(r.err().contains("Set repository.push; nothing was started."), r.toString());
    assertTrue(Files.notExists(dir.resolve("repo")), "nothing may be created");
  }

  @Test
  void aClusterNodeThatCannotReachItsDatabaseSaysSoAndStops() throws Exception {
    Path config = config("repository: { path: repo, push: " + dir.resolve("shared.git") + " }\n");
    TestFleet.Result r = TestFleet.run("--config", config.toString(), "serve", "--no-web");
    assertEquals(Main.FAILED, r.status(), r.toString());
    assertTrue(r.err().contains("patina: cluster: cannot reach the cluster database jdbc:postgresql://127.0.0.1:1/"
        + "patina as \"patina\""), r.toString());
  }
}
