package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeClusterTest {
  @TempDir Path dir;

  @Test
  void serveRefusesToStartAsAClusterNodeUntilClusterModeIsFinished() throws Exception {
    Files.writeString(dir.resolve("devices.yaml"), """
        devices:
          - { name: core-sw1, host: 127.0.0.1, model: cisco-ios, username: u, password: p }
        """);
    Path config = dir.resolve("patina.yaml");
    Files.writeString(config, """
        repository: repo
        cluster:
          database: { url: "jdbc:postgresql://127.0.0.1:1/patina", user: patina }
          node: collector-1
        """);
    TestFleet.Result r = TestFleet.run("--config", config.toString(), "serve");
    assertEquals(Main.USAGE, r.status(), r.toString());
    assertTrue(r.err().contains("patina: patina.yaml sets cluster:, but this version of patina serve cannot run as "
        + "a cluster node yet"), r.toString());
    assertTrue(r.err().contains("Remove cluster: to run a single node; nothing was started."), r.toString());
    assertTrue(Files.notExists(dir.resolve("repo")), "nothing may be created");
  }
}
