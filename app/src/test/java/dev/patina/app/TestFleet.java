package dev.patina.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.sim.Capture;
import dev.patina.sim.SharedCaptures;
import dev.patina.sim.SimDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Simulated devices, a GreenMail SMTP server and a patina.yaml in a temp folder, for end-to-end tests. */
final class TestFleet implements AutoCloseable {
  final Path dir;
  final GreenMail smtp;
  final Map<String, SimDevice> devices = new LinkedHashMap<>();
  private final List<String> models = new ArrayList<>();
  private final Map<String, String> extras = new LinkedHashMap<>();
  private String groups = "";
  private String mailExtra = "";
  private String serviceExtra = "";
  private int smtpPort;

  TestFleet(Path dir) {
    this(dir, true);
  }

  /** With {@code startSmtp} false, mail goes to a closed port until {@link #startSmtp()}. */
  TestFleet(Path dir, boolean startSmtp) {
    this.dir = dir;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      smtpPort = s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    if (startSmtp) smtp.start();
  }

  void startSmtp() {
    smtp.start();
  }

  /** Extra flow-style settings for one device, e.g. {@code "group: core"}. */
  TestFleet with(String device, String settings) {
    extras.put(device, settings);
    return this;
  }

  /** The body of {@code groups:} in flow style, e.g. {@code "{ core: { mail-to: [a@x] } }"}. */
  TestFleet groups(String flow) {
    this.groups = flow;
    return this;
  }

  /** Extra lines under {@code mail:}, e.g. {@code "alert-after: 2"}. */
  TestFleet mail(String lines) {
    this.mailExtra = lines;
    return this;
  }

  /** Extra top-level lines of patina.yaml, e.g. {@code "schedule: \"* * * * * ?\""}. */
  TestFleet service(String lines) {
    this.serviceExtra = lines;
    return this;
  }

  static Path captures() {
    return SharedCaptures.dir();
  }

  /** The folders of recorded sessions beside the checkout: the first captures and the ones added later. */
  static final List<String> CAPTURE_FOLDERS = List.of(SharedCaptures.CAPTURES, "more-device-captures");

  /**
   * Every recorded session ({@code #simulation.yaml}, or {@code #custom_simulation.yaml} for
   * sessions recorded with non-default settings) in every capture folder, sorted by name within
   * each folder; a missing folder fails naming where it was looked for.
   */
  static List<Path> recordedSessions() throws IOException {
    List<Path> found = new ArrayList<>();
    for (String folder : CAPTURE_FOLDERS) {
      try (java.util.stream.Stream<Path> files = Files.list(SharedCaptures.dir(folder))) {
        files.filter(f -> f.getFileName().toString().endsWith("#simulation.yaml")
            || f.getFileName().toString().endsWith("#custom_simulation.yaml")).sorted().forEach(found::add);
      }
    }
    return found;
  }

  static Path capture(String name) {
    return captures().resolve(name + "#simulation.yaml");
  }

  TestFleet ios(String name, String capture) throws IOException {
    SimDevice sim = SimDevice.replay(Capture.load(capture(capture))).start();
    devices.put(name, sim);
    models.add("cisco-ios");
    return this;
  }

  /** A device replaying any recorded session with the given model (and enable password). */
  TestFleet capture(String name, Path simulationYaml, String model, String enablePassword) throws IOException {
    SimDevice sim = SimDevice.replay(Capture.load(simulationYaml));
    if (enablePassword != null) sim.enablePassword(enablePassword);
    devices.put(name, sim.start());
    models.add(model);
    if (enablePassword != null) with(name, "enable-password: " + enablePassword);
    return this;
  }

  /** A simulated device already started, backed up with {@code model}. */
  TestFleet device(String name, SimDevice started, String model) {
    devices.put(name, started);
    models.add(model);
    return this;
  }

  TestFleet linux(String name, Path root) throws IOException {
    devices.put(name, SimDevice.linuxHost(root).start());
    models.add("linux");
    return this;
  }

  Path config() throws IOException {
    Path cfg = dir.resolve("patina.yaml");
    Files.writeString(cfg, """
        repository: { path: repo }
        inventory: devices.yaml
        concurrency: 4
        timeouts: { connect: 5s, command: 5s, device: 20s }
        mail:
          smtp: { host: 127.0.0.1, port: %d, tls: none }
          from: patina@test.invalid
          to: [netops@test.invalid]
          %s
        secrets: { key-file: keys/secret.key }
        known-hosts: state/known_hosts
        outbox: state/outbox
        state-dir: state
        """.formatted(smtpPort, indent(mailExtra, "  ")) + serviceExtra + "\n");
    StringBuilder inv = new StringBuilder(groups.isEmpty() ? "" : "groups: " + groups + "\n");
    inv.append("devices:\n");
    int i = 0;
    for (Map.Entry<String, SimDevice> e : devices.entrySet()) {
      SimDevice d = e.getValue();
      String extra = extras.containsKey(e.getKey()) ? ", " + extras.get(e.getKey()) : "";
      inv.append(String.format("  - { name: %s, host: %s, port: %d, model: %s, username: %s, password: %s%s }%n",
          e.getKey(), d.host(), d.port(), models.get(i++), d.username(), d.password(), extra));
    }
    Files.writeString(dir.resolve("devices.yaml"), inv.toString());
    return cfg;
  }

  private static String indent(String lines, String by) {
    if (lines.isEmpty()) return "";
    return String.join("\n" + by, lines.split("\n"));
  }

  /** A patina.yaml for system tests whose devices are real servers: repo, mail to {@code smtpPort}, keys, state. */
  static Path serviceConfig(Path dir, int smtpPort) throws IOException {
    Path cfg = dir.resolve("patina.yaml");
    Files.writeString(cfg, """
        repository: { path: repo }
        inventory: devices.yaml
        timeouts: { connect: 10s, command: 20s, device: 60s }
        mail:
          smtp: { host: 127.0.0.1, port: %d, tls: none }
          from: patina@test.invalid
          to: [netops@test.invalid]
        secrets: { key-file: keys/secret.key }
        state-dir: state
        """.formatted(smtpPort));
    return cfg;
  }

  Repository repository() throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.resolve("repo").toFile()).setMustExist(true).build();
  }

  /** Runs the CLI with this fleet's config; returns exit status and what it printed. */
  Result patina(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--config", config().toString()));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  static synchronized Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int status = Main.run(args);
      return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @Override
  public void close() {
    for (SimDevice d : devices.values()) {
      try {
        d.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
    smtp.stop();
  }
}
