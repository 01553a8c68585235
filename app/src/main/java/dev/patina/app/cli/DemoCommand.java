package dev.patina.app.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.sim.Capture;
import dev.patina.sim.SimDevice;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code patina demo}: simulated devices (two IOS switches replaying recorded sessions, one
 * Linux NAT host with a bond and keepalived), backed up into a fresh repository, one change,
 * a second run, the diff, and the digest email delivered to a local SMTP sink and saved.
 */
@Command(name = "demo", description = "Back up simulated devices twice with a change between; no network needed.")
public final class DemoCommand implements Callable<Integer> {
  private static final String MARKER = ".patina-demo";

  @Option(names = "--dir", defaultValue = "demo", description = "where to put the demo (default: ${DEFAULT-VALUE})")
  private Path dir;

  @Override
  public Integer call() throws Exception {
    dir = dir.toAbsolutePath().normalize();
    prepare(dir);
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Path linuxRoot = DemoLinuxHost.write(dir.resolve("nat-1-files"));
    try (SimDevice core = SimDevice.replay(recording("ios-C9200L-24P-4G_17.09.04a.simulation.yaml")).start();
        SimDevice edge = SimDevice.replay(recording("ios-asr920_16.8.1b.simulation.yaml")).start();
        SimDevice nat = SimDevice.linuxHost(linuxRoot).start()) {
      nat.setReply("ip -o addr show", DemoLinuxHost.ipAddr(true));
      int smtpPort = smtp.getSmtp().getPort();
      Path config = DemoFiles.write(dir, smtpPort, List.of(
          new DemoFiles.Entry("core-sw1", "cisco-ios", core),
          new DemoFiles.Entry("edge-rtr1", "cisco-ios", edge),
          new DemoFiles.Entry("nat-1", "linux", nat)));
      say("simulated devices: core-sw1 on port %d, edge-rtr1 on %d, nat-1 (Linux) on %d; SMTP sink on %d",
          core.port(), edge.port(), nat.port(), smtpPort);

      say("\n== run 1: first backup of every device");
      runOnce(config);

      say("\n== change: core-sw1 gets a new interface description and enable secret;"
          + " nat-1 loses bond slave eth1 and hands VRRP VI_1 to its peer");
      core.replaceInReplies("description oxidized two", "description uplink to dist-2 (moved by change 4711)");
      core.replaceInReplies("SECRET_ENABLE", "SECRET_ENABLE_ROTATED");
      DemoLinuxHost.failSlave(linuxRoot, "eth1");
      nat.setReply("ip -o addr show", DemoLinuxHost.ipAddr(false));

      say("\n== run 2: backup again");
      int status = runOnce(config);

      say("\n== patina diff core-sw1");
      Main.run("--config", config.toString(), "diff", "core-sw1");

      Path mailbox = Files.createDirectories(dir.resolve("mailbox"));
      MimeMessage[] mails = smtp.getReceivedMessages();
      for (int i = 0; i < mails.length; i++) {
        try (OutputStream out = Files.newOutputStream(mailbox.resolve(String.format("%02d.eml", i + 1)))) {
          mails[i].writeTo(out);
        }
      }
      say("\n== %d digest email(s) arrived at the SMTP sink, saved in %s; the last one:", mails.length, mailbox);
      if (mails.length > 0) {
        MimeMessage last = mails[mails.length - 1];
        say("Subject: %s%nTo: %s%n", last.getSubject(), String.join(", ",
            Stream.of(last.getAllRecipients()).map(Object::toString).toList()));
        System.out.println(textPart(last.getContent()));
      }
      // ./patina (the source checkout's launcher) sets patina.home; the installed one does not
      String self = System.getProperty("patina.home") != null ? "./patina" : "patina";
      say("== try it yourself:");
      say("  %s -c %s log core-sw1", self, config);
      say("  %s -c %s show nat-1 state/bonding/bond0", self, config);
      say("  git -C %s log --stat", dir.resolve("patina-repo"));
      say("  ./patina -c %s web --listen 127.0.0.1:8080     # then open http://127.0.0.1:8080/", config);
      return status;
    } finally {
      smtp.stop();
    }
  }

  /**
   * One of the two recorded IOS sessions the demo replays: they travel inside the jar
   * (resources dev/patina/app/demo/, from the Oxidized project, Apache 2.0), so the demo also
   * runs from an installed package with no source tree.
   */
  private static Capture recording(String name) throws java.io.IOException {
    String resource = "/dev/patina/app/demo/" + name;
    try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
      if (in == null) throw new java.io.IOException("recorded session " + resource + " is missing from patina.jar; rebuild");
      return Capture.parse("patina.jar!" + resource, "ios", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static int runOnce(Path config) {
    return Main.run("--config", config.toString(), "run", "--lock-wait", "10");
  }

  private static String textPart(Object content) throws Exception {
    if (content instanceof String s) return s;
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        BodyPart part = mp.getBodyPart(i);
        if (part.isMimeType("text/plain")) return (String) part.getContent();
        if (part.getContent() instanceof Multipart inner) return textPart(inner);
      }
    }
    return String.valueOf(content);
  }

  /** A fresh demo folder: created, or emptied if an earlier demo made it; anything else is refused. */
  private static void prepare(Path dir) throws Exception {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        boolean empty = s.findAny().isEmpty();
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
          throw new Main.UsageException(dir + " exists and was not made by patina demo; choose another --dir");
        }
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "made by patina demo; safe to delete\n");
  }

  private static void say(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }
}
