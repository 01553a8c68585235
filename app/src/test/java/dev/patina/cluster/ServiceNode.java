package dev.patina.cluster;

import dev.patina.app.run.RunRequest;
import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** A node of a {@link NodeCluster} as a {@code Service} in the test's JVM, collecting zones a and b. */
final class ServiceNode implements AutoCloseable {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final Service service;

  ServiceNode(NodeCluster c, String name) throws Exception {
    service = Service.start(c.writeConfig(name, List.of("a", "b")), new PrintStream(out, true),
        Duration.ofSeconds(5), r -> { });
  }

  /** A run of every device, owned by this node. */
  RunResult runAll() throws Exception {
    return service.run(RunRequest.of(service.patina().inventory().devices(), "test run"));
  }

  String log() {
    return out.toString();
  }

  @Override
  public void close() {
    service.shutdown(Duration.ZERO);
  }
}
