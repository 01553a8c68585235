package dev.patina.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.changes.ChangeCounters;
import dev.patina.app.run.RunResult;
import dev.patina.app.serve.Service;
import dev.patina.sim.Fault;
import dev.patina.sim.SimDevice;
import dev.patina.sim.os.SystemProgram;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change-triggered backups with real senders: util-linux {@code logger} (RFC 3164 and 5424, UDP
 * and TCP, octet-counted) and Net-SNMP {@code snmptrap}/{@code snmpinform} (v2c, v3) announce a
 * change of a simulated device whose configuration was changed first; {@code patina serve}
 * must commit it with who made it, once per burst, and ignore what is not a change.
 */
class ChangeTriggerSystemTest {
  private static final String C9200 = "ios#C9200L-24P-4G_17.09.04a";
  private static final String ASR920 = "ios#asr920_16.8.1b";
  private static final String CONFIG_I = "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.10)";
  private static final String CCM_EVENT = "1.3.6.1.4.1.9.9.43.2.0.1";
  private static final String CCM = "1.3.6.1.4.1.9.9.43.1.1.6.1.";
  /** No schedule fires during a test: only change messages cause runs. */
  private static final String NEVER = "schedule: \"0 0 0 1 1 ? 2099\"\n";
  private static final String QUIET = "1s";

  @TempDir Path dir;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<RunResult> runs = Collections.synchronizedList(new ArrayList<>());
  private TestFleet fleet;
  private Service service;
  private int change;

  @AfterEach
  void stop() {
    if (service != null) service.shutdown(Duration.ofSeconds(5));
    if (fleet != null) fleet.close();
  }

  private void start(TestFleet f, String extra) throws Exception {
    fleet = f;
    fleet.service(NEVER + """
        changes:
          syslog: [udp://127.0.0.1:0, tcp://127.0.0.1:0]
          traps:
            listen: udp://127.0.0.1:0
            communities: [s3cret-trap]
            users: [{ user: patina, auth: "SHA:auth-pass-1", priv: "AES-128:priv-pass-1" }]
          quiet: %s
        """.formatted(QUIET) + extra);
    TestFleet.Result baseline = fleet.patina("run", "--no-mail");
    assertEquals(0, baseline.status(), baseline.toString());
    service = Service.start(fleet.config(), new PrintStream(log, true, StandardCharsets.UTF_8), Duration.ofSeconds(5),
        runs::add);
  }

  private int port(String prefix) {
    String l = service.changeListening().stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow();
    return Integer.parseInt(l.substring(l.lastIndexOf(':') + 1));
  }

  /** Changes the simulated device's running configuration, as an engineer would before it logs CONFIG_I. */
  private void changeConfig(String device) {
    change++;
    SimDevice sim = fleet.devices.get(device);
    String hostname = device.equals("core-sw1") ? "hostname LAB-SW123_9200L" : "hostname ";
    sim.replaceInReplies(hostname, hostname.equals("hostname ") ? "snmp-server location rack-" + change + "\nhostname "
        : hostname + "\nsnmp-server location rack-" + change);
  }

  private static void run(List<String> command, String stdin) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      p.getOutputStream().close();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
  }

  private List<String> logger(String... options) {
    List<String> c = new ArrayList<>(List.of(SystemProgram.need("logger", "bsdutils").toString(), "--server",
        "127.0.0.1"));
    c.addAll(List.of(options));
    return c;
  }

  private List<String> snmp(String program, String... args) {
    List<String> c = new ArrayList<>(List.of(SystemProgram.need(program, "snmp").toString()));
    c.addAll(List.of(args));
    return c;
  }

  private List<RevCommit> commits() throws Exception {
    try (var repo = fleet.repository(); Git git = new Git(repo)) {
      List<RevCommit> out = new ArrayList<>();
      git.log().call().forEach(out::add);
      return out;
    }
  }

  private RevCommit awaitCommit(int before) throws Exception {
    await(() -> {
      try {
        return commits().size() > before;
      } catch (Exception e) {
        return false;
      }
    }, Duration.ofSeconds(30));
    return commits().get(0);
  }

  private void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + "; " + (service == null ? "" : counters().describe())
            + "; service log:\n" + log);
      }
      Thread.sleep(50);
    }
  }

  /** Waits past the quiet period, then until no triggered backup is pending or running. */
  private void settle() throws InterruptedException {
    long backups = counters().backups();
    Thread.sleep(Duration.parse("PT" + QUIET).toMillis() + 1500);
    await(() -> runs.size() >= counters().backups() && counters().backups() >= backups, Duration.ofSeconds(30));
  }

  private ChangeCounters counters() {
    return service.changeCounters();
  }

  @Test
  void aConfigI3164MessageOverUdpCommitsTheChangeNamingWhoMadeIt() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    int before = commits().size();
    changeConfig("core-sw1");
    run(logger("--port", String.valueOf(port("udp")), "--udp", "--rfc3164", "--tag", "sw", CONFIG_I), null);
    RevCommit c = awaitCommit(before);
    String m = c.getFullMessage();
    assertTrue(m.startsWith("1 changed: core-sw1"), m);
    assertTrue(m.contains("\nChanged-By: admin (vty0, 192.0.2.10)\n"), m);
    assertTrue(m.contains("Triggered by:\n  syslog/udp from 127.0.0.1: sw: " + CONFIG_I), m);
    await(() -> runs.size() == 1, Duration.ofSeconds(30)); // logged and mailed
    assertTrue(log.toString().contains("run change core-sw1: committed"), log.toString());
    assertTrue(log.toString().contains("Z   Changed-By: admin (vty0, 192.0.2.10)\n"), log.toString());
    assertTrue(log.toString().contains("Z   change messages: 1 received, 1 matched, 0 ignored, 0 dropped; 1 triggered"),
        log.toString());
    String digest = EndToEndTest.raw(fleet.smtp.getReceivedMessages()[fleet.smtp.getReceivedMessages().length - 1]);
    assertTrue(digest.contains("WHY THIS RUN") && digest.contains("Changed-By: admin (vty0, 192.0.2.10)"), digest);
  }

  @Test
  void rfc5424OverTcpBothFramingsAndOverUdpEachTriggerABackup() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    String tcp = String.valueOf(port("tcp"));
    String[][] ways = {{"--port", tcp, "--tcp", "--rfc5424", "--octet-count"}, {"--port", tcp, "--tcp", "--rfc5424"},
        {"--port", tcp, "--tcp", "--rfc3164"}, {"--port", String.valueOf(port("udp")), "--udp", "--rfc5424"}};
    for (String[] way : ways) {
      int before = commits().size();
      changeConfig("core-sw1");
      List<String> cmd = logger(way);
      cmd.add("%SYS-5-CONFIG_I: Configured from console by op" + change + " on vty1 (192.0.2.2" + change + ")");
      run(cmd, null);
      RevCommit c = awaitCommit(before);
      assertTrue(c.getFullMessage().contains("Changed-By: op" + change + " (vty1, 192.0.2.2" + change + ")"),
          String.join(" ", way) + "\n" + c.getFullMessage());
    }
  }

  @Test
  void aBurstOfFiftyMessagesFromTwoUsersGivesExactlyOneBackupListingBoth() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    int before = commits().size();
    changeConfig("core-sw1");
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      burst.append(i % 2 == 0 ? CONFIG_I : "%SYS-5-CONFIG_I: Configured from console by jdoe on vty1 (192.0.2.11)")
          .append('\n');
    }
    run(logger("--port", String.valueOf(port("tcp")), "--tcp", "--octet-count"), burst.toString());
    RevCommit c = awaitCommit(before);
    settle();
    assertEquals(before + 1, commits().size(), "one commit for the burst; log:\n" + log);
    assertEquals(1, counters().backups(), log.toString());
    assertEquals(50, counters().matched());
    String m = c.getFullMessage();
    assertTrue(m.contains("Changed-By: admin (vty0, 192.0.2.10)\nChanged-By: jdoe (vty1, 192.0.2.11)\n"), m);
    assertTrue(m.contains("(and 30 more change messages)"), m);
  }

  @Test
  void messagesArrivingWhileTheDeviceIsBackedUpQueueItOnceMoreNeverTwice() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    fleet.devices.get("core-sw1").fault(new Fault.Slow(Duration.ofMillis(400))); // a run takes seconds
    int before = commits().size();
    changeConfig("core-sw1");
    String udp = String.valueOf(port("udp"));
    run(logger("--port", udp, "--udp", CONFIG_I), null);
    await(() -> counters().backups() == 1, Duration.ofSeconds(20)); // the first run has started
    for (int i = 0; i < 3; i++) {
      run(logger("--port", udp, "--udp", "%SYS-5-CONFIG_I: Configured from console by jdoe on vty1 (192.0.2.11)"), null);
    }
    await(() -> counters().matched() == 4, Duration.ofSeconds(10));
    assertEquals(1, counters().backups(), "the device is still being backed up: the new messages wait; " + log);
    await(() -> counters().backups() == 2, Duration.ofSeconds(60));
    settle();
    assertEquals(2, counters().backups(), log.toString());
    assertEquals(2, runs.size(), log.toString());
    assertEquals(before + 1, commits().size(), log.toString());
    assertTrue(log.toString().contains("  Changed-By: jdoe (vty1, 192.0.2.11)"), log.toString());
  }

  @Test
  void aChangeBackupWaitsForAScheduledRunThatHasTheDeviceInFlightSoTheNewerVersionIsCommittedLast() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    fleet.devices.get("core-sw1").fault(new Fault.Slow(Duration.ofMillis(500))); // the scheduled run takes seconds
    service.triggerAll();
    Thread.sleep(300);
    changeConfig("core-sw1");
    run(logger("--port", String.valueOf(port("udp")), "--udp", CONFIG_I), null);
    await(() -> runs.size() == 2, Duration.ofSeconds(60));
    String l = log.toString();
    assertTrue(l.contains("run change core-sw1: waiting for the scheduled run that has it in flight"), l);
    assertTrue(l.indexOf("run schedule default: ") < l.lastIndexOf("run change core-sw1: "), "the change run comes after; " + l);
    assertEquals("change core-sw1", runs.get(1).trigger());
    try (var repo = fleet.repository()) {
      String head = new String(repo.open(org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "devices/core-sw1/running-config",
          repo.parseCommit(repo.resolve("HEAD")).getTree()).getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      assertTrue(head.contains("snmp-server location rack-" + change), "the changed configuration is in HEAD");
    }
  }

  @Test
  void afterAReloadMessagesAreMatchedAgainstTheNewInventory() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    java.nio.file.Path inventory = dir.resolve("devices.yaml");
    java.nio.file.Files.writeString(inventory, java.nio.file.Files.readString(inventory).replace("host: 127.0.0.1",
        "host: 127.0.0.2"));
    service.reload();
    run(logger("--port", String.valueOf(port("udp")), "--udp", CONFIG_I), null);
    await(() -> counters().ignored() == 1, Duration.ofSeconds(10));
    assertEquals(0, counters().matched(), "core-sw1 now lives at 127.0.0.2; 127.0.0.1 is no device");
    // the counter moves before the line is logged: wait for the line too (CI at 23:46 UTC read the log in between)
    await(() -> log.toString().contains("changes: ignoring messages from 127.0.0.1"), Duration.ofSeconds(10));
  }

  @Test
  void beyondMaxPerMinuteABackupWaitsWithItsChangesKept() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "  max-per-minute: 1\n");
    int before = commits().size();
    changeConfig("core-sw1");
    String udp = String.valueOf(port("udp"));
    run(logger("--port", udp, "--udp", CONFIG_I), null);
    awaitCommit(before);
    await(() -> runs.size() == 1, Duration.ofSeconds(20));
    changeConfig("core-sw1");
    run(logger("--port", udp, "--udp", "%SYS-5-CONFIG_I: Configured from console by jdoe on vty1 (192.0.2.11)"), null);
    await(() -> counters().snapshot().get("backups_deferred_by_cap") == 1, Duration.ofSeconds(20));
    assertEquals(1, counters().backups(), log.toString());
    assertEquals(before + 1, commits().size());
    assertTrue(log.toString().contains("change backup of core-sw1 waits: max-per-minute (1) reached"), log.toString());
  }

  @Test
  void unrelatedMessagesAndUnknownSendersAreCountedAndNeverBackedUp() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920), "");
    int before = commits().size();
    changeConfig("core-sw1");
    String udp = String.valueOf(port("udp"));
    // from 127.0.0.1, which two devices share, with this machine's hostname, which is neither
    run(logger("--port", udp, "--udp", CONFIG_I), null);
    // from a device, but not a change
    run(logger("--port", udp, "--udp", "--rfc3164", "%LINK-3-UPDOWN: Interface Gi1/0/1, changed state to up"), null);
    // a notification from an address that is no device
    run(snmp("snmptrap", "-v", "2c", "-c", "s3cret-trap", "--clientaddr=127.0.0.9", "127.0.0.1:" + port("snmp"), "",
        CCM_EVENT, CCM + "8.7", "s", "admin"), null);
    await(() -> counters().received() >= 3 && counters().ignored() + counters().dropped() >= 3, Duration.ofSeconds(10));
    Thread.sleep(Duration.parse("PT" + QUIET).toMillis() + 1000);
    assertEquals(0, counters().backups(), log.toString());
    assertEquals(0, counters().matched());
    assertEquals(before, commits().size());
    assertTrue(log.toString().contains("changes: ignoring messages from 127.0.0.9"), log.toString());
  }

  @Test
  void twoDevicesOnOneAddressAreToldApartByTheHostnameInTheMessage() throws Exception {
    SystemProgram.needCapability(canSetHostname(), "unshare -u (a UTS namespace, as root) to give logger a hostname");
    start(new TestFleet(dir).ios("core-sw1", C9200).ios("edge-rtr1", ASR920), "");
    int before = commits().size();
    changeConfig("edge-rtr1");
    run(List.of("unshare", "-u", "sh", "-c", "hostname edge-rtr1 && exec \"$0\" \"$@\"",
        SystemProgram.need("logger", "bsdutils").toString(), "--server", "127.0.0.1", "--port",
        String.valueOf(port("udp")), "--udp", "--rfc5424", CONFIG_I), null);
    RevCommit c = awaitCommit(before);
    assertTrue(c.getFullMessage().startsWith("1 changed: edge-rtr1"), c.getFullMessage());
  }

  private static boolean canSetHostname() {
    try {
      Process p = new ProcessBuilder("unshare", "-u", "hostname", "patina-probe").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void theCiscoConfigManTrapInV2cV3AndAsAnInformTriggersABackupWithTheUser() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    String target = "127.0.0.1:" + port("snmp");
    String[] varbinds = {CCM_EVENT, CCM + "3.7", "i", "1", CCM + "6.7", "i", "5", CCM + "8.7", "s", "admin",
        CCM + "9.7", "s", "192.0.2.10"};
    List<List<String>> senders = List.of(
        snmp("snmptrap", "-v", "2c", "-c", "s3cret-trap", target, ""),
        snmp("snmpinform", "-v", "2c", "-c", "s3cret-trap", "-t", "2", "-r", "1", target, ""),
        snmp("snmptrap", "-v", "3", "-u", "patina", "-l", "authPriv", "-a", "SHA", "-A", "auth-pass-1", "-x", "AES",
            "-X", "priv-pass-1", "-e", "0x80001f8880c0ffee01", target, ""));
    for (List<String> sender : senders) {
      int before = commits().size();
      changeConfig("core-sw1");
      List<String> cmd = new ArrayList<>(sender);
      cmd.addAll(List.of(varbinds));
      run(cmd, null);
      RevCommit c = awaitCommit(before);
      String m = c.getFullMessage();
      assertTrue(m.contains("Changed-By: admin (vty, 192.0.2.10)"), sender + "\n" + m);
      assertTrue(m.contains(CCM_EVENT), m);
    }
    int before = commits().size();
    changeConfig("core-sw1");
    List<String> wrong = snmp("snmptrap", "-v", "2c", "-c", "guessed", target, "");
    wrong.addAll(List.of(varbinds));
    run(wrong, null);
    await(() -> counters().dropped() >= 1, Duration.ofSeconds(10));
    Thread.sleep(Duration.parse("PT" + QUIET).toMillis() + 1000);
    assertEquals(before, commits().size(), "a wrong community is refused");
  }

  @Test
  void garbageAndOversizedMessagesAreDroppedAndTheListenerStaysAlive() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    int udp = port("udp");
    int tcp = port("tcp");
    java.util.Random random = new java.util.Random(18);
    try (DatagramSocket s = new DatagramSocket()) {
      for (int i = 0; i < 20; i++) {
        byte[] junk = new byte[1 + random.nextInt(1400)];
        random.nextBytes(junk);
        s.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), udp));
      }
      byte[] big = ("<189>" + CONFIG_I + " " + "x".repeat(65_000)).getBytes(StandardCharsets.US_ASCII);
      s.send(new DatagramPacket(big, 65_000, InetAddress.getLoopbackAddress(), udp));
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", tcp));
      OutputStream out = s.getOutputStream();
      byte[] mb = new byte[1 << 20];
      java.util.Arrays.fill(mb, (byte) 'x');
      out.write(((1 << 20) + " ").getBytes(StandardCharsets.US_ASCII)); // a 1 MB octet-counted frame
      out.write(mb);
      out.write(("x".repeat(100_000) + "\n").getBytes(StandardCharsets.US_ASCII)); // a 100 kB line
      out.flush();
    }
    await(() -> counters().dropped() >= 23, Duration.ofSeconds(10));
    assertTrue(counters().snapshot().get("dropped_oversized") >= 3, counters().describe());
    int before = commits().size();
    changeConfig("core-sw1");
    run(logger("--port", String.valueOf(udp), "--udp", CONFIG_I), null);
    awaitCommit(before);
    run(logger("--port", String.valueOf(tcp), "--tcp", "--octet-count", "%LINK-3-UPDOWN: still listening"), null);
    await(() -> counters().snapshot().get("ignored_unrelated") >= 1, Duration.ofSeconds(10));
  }

  @Test
  void tenThousandMessagesAsFastAsLoggerSendsThemLeaveTheServiceAliveAndTheRealChangeBackedUp() throws Exception {
    start(new TestFleet(dir).ios("core-sw1", C9200), "");
    System.gc();
    long heapBefore = usedHeap();
    int before = commits().size();
    changeConfig("core-sw1");
    StringBuilder noise = new StringBuilder();
    StringBuilder withChange = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      String line = "%LINK-3-UPDOWN: Interface Gi1/0/" + i + ", changed state to up\n";
      noise.append(line);
      withChange.append(i == 5_000 ? CONFIG_I + "\n" : line);
    }
    // UDP noise as fast as logger sends it (what does not fit is dropped and counted), while the real
    // change travels in a TCP flood (TCP slows the sender down instead of losing messages)
    Thread udp = new Thread(() -> {
      try {
        run(logger("--port", String.valueOf(port("udp")), "--udp"), noise.toString());
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    udp.start();
    run(logger("--port", String.valueOf(port("tcp")), "--tcp", "--octet-count"), withChange.toString());
    udp.join();
    RevCommit c = awaitCommit(before);
    assertTrue(c.getFullMessage().contains("Changed-By: admin (vty0, 192.0.2.10)"), c.getFullMessage());
    settle();
    ChangeCounters n = counters();
    assertTrue(n.received() >= 10_000, n.describe()); // TCP loses nothing; UDP may lose in the kernel
    assertEquals(1, n.backups(), n.describe());
    System.gc();
    long grown = usedHeap() - heapBefore;
    assertTrue(grown < 64L << 20, "heap grew by " + (grown >> 20) + " MiB; " + n.describe());
    System.out.println("flood of 2 x 10,000 messages: " + n.describe() + "; heap grew by " + (grown >> 20) + " MiB");
    assertTrue(log.toString().contains(n.describe().substring(0, 20)), log.toString());
    // still answering
    int after = commits().size();
    changeConfig("core-sw1");
    run(logger("--port", String.valueOf(port("udp")), "--udp", CONFIG_I), null);
    awaitCommit(after);
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
