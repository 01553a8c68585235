package dev.patina.bench;

import dev.patina.collector.ArtifactSpec;
import dev.patina.collector.Model;
import dev.patina.collector.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * The floor: the least a client must do to fetch what Patina fetches. Plain sshj, one shared
 * config, password login, a shell, then the given commands one after the other, each read to
 * the prompt; nothing cleaned, compared or stored.
 */
final class BareSsh {
  private BareSsh() {}

  /** The commands Patina's model sends: its login commands, then each artifact's command. */
  static List<String> commandsOf(String modelName) throws Exception {
    Model model = ModelRegistry.load(null).find(modelName).orElseThrow();
    List<String> commands = new ArrayList<>(model.login());
    for (ArtifactSpec a : model.artifacts()) {
      for (ArtifactSpec.Source s : a.sources()) {
        if (s.kind().equals("command")) commands.add(s.target());
      }
    }
    return commands;
  }

  /** Fetches every device's output with at most {@code concurrency} at once; returns bytes read. */
  static long fetchAll(List<SimProcess.Endpoint> devices, List<String> commands, int concurrency)
      throws InterruptedException {
    dev.patina.collector.ssh.SshCrypto.install(); // the same crypto as Patina's collector: JDK first
    DefaultConfig config = new DefaultConfig();
    Semaphore slots = new Semaphore(concurrency);
    AtomicLong bytes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Thread[] threads = new Thread[devices.size()];
    for (int i = 0; i < devices.size(); i++) {
      SimProcess.Endpoint d = devices.get(i);
      slots.acquire();
      threads[i] = Thread.ofVirtual().start(() -> {
        try {
          bytes.addAndGet(fetch(config, d, commands));
        } catch (IOException e) {
          failures.incrementAndGet();
        } finally {
          slots.release();
        }
      });
    }
    for (Thread t : threads) t.join();
    if (failures.get() > 0) throw new IllegalStateException(failures.get() + " bare fetches failed");
    return bytes.get();
  }

  private static long fetch(DefaultConfig config, SimProcess.Endpoint d, List<String> commands) throws IOException {
    try (SSHClient c = new SSHClient(config)) {
      c.addHostKeyVerifier(new PromiscuousVerifier());
      c.setConnectTimeout(10_000);
      c.setTimeout(30_000);
      c.connect(d.host(), d.port());
      c.authPassword(d.username(), d.password());
      try (Session s = c.startSession()) {
        s.allocatePTY("vt100", 512, 0, 0, 0, Map.of());
        Session.Shell shell = s.startShell();
        OutputStream in = shell.getOutputStream();
        InputStream out = shell.getInputStream();
        byte[] prompt = readPrompt(out);
        long total = 0;
        for (String command : commands) {
          in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
          in.flush();
          total += readUntil(out, prompt);
        }
        return total;
      }
    }
  }

  /** Reads the login banner up to the first '#' and returns the prompt (the last line). */
  private static byte[] readPrompt(InputStream out) throws IOException {
    StringBuilder b = new StringBuilder();
    int ch;
    while ((ch = out.read()) >= 0) {
      b.append((char) ch);
      if (ch == '#') break;
    }
    String s = b.toString();
    return s.substring(s.lastIndexOf('\n') + 1).getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads until the output ends with {@code prompt}; returns the bytes read. */
  private static long readUntil(InputStream out, byte[] prompt) throws IOException {
    byte[] buf = new byte[32768];
    byte[] tail = new byte[prompt.length];
    int tailLen = 0;
    long total = 0;
    int n;
    while ((n = out.read(buf)) >= 0) {
      total += n;
      // keep the last prompt.length bytes seen
      if (n >= prompt.length) {
        System.arraycopy(buf, n - prompt.length, tail, 0, prompt.length);
        tailLen = prompt.length;
      } else {
        int keep = Math.min(tailLen, prompt.length - n);
        System.arraycopy(tail, tailLen - keep, tail, 0, keep);
        System.arraycopy(buf, 0, tail, keep, n);
        tailLen = keep + n;
      }
      if (tailLen == prompt.length && java.util.Arrays.equals(tail, prompt)) return total;
    }
    throw new IOException("connection closed before the prompt");
  }
}
