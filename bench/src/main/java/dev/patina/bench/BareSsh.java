package dev.patina.bench;

import dev.patina.sim.SimDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * The floor: the least a client must do to fetch the configs. Plain sshj, one shared config,
 * password login, a shell, {@code terminal length 0}, {@code show running-config}, read to the
 * prompt; nothing cleaned, compared or stored.
 */
final class BareSsh {
  private BareSsh() {}

  /** Fetches every device's config with at most {@code concurrency} at once; returns bytes read. */
  static long fetchAll(List<SimDevice> devices, int concurrency) throws InterruptedException {
    DefaultConfig config = new DefaultConfig();
    Semaphore slots = new Semaphore(concurrency);
    AtomicLong bytes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Thread[] threads = new Thread[devices.size()];
    for (int i = 0; i < devices.size(); i++) {
      SimDevice d = devices.get(i);
      slots.acquire();
      threads[i] = Thread.ofVirtual().start(() -> {
        try {
          bytes.addAndGet(fetch(config, d));
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

  private static long fetch(DefaultConfig config, SimDevice d) throws IOException {
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
        String prompt = readPrompt(out);
        in.write("terminal length 0\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        readUntil(out, prompt);
        in.write("show running-config\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        return readUntil(out, prompt);
      }
    }
  }

  private static String readPrompt(InputStream out) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int ch;
    while ((ch = out.read()) >= 0) {
      b.write(ch);
      if (ch == '#') break;
    }
    String s = b.toString(StandardCharsets.US_ASCII);
    return s.substring(s.lastIndexOf('\n') + 1);
  }

  private static long readUntil(InputStream out, String prompt) throws IOException {
    byte[] p = prompt.getBytes(StandardCharsets.US_ASCII);
    byte[] buf = new byte[32768];
    byte[] tail = new byte[p.length];
    int tailLen = 0;
    long total = 0;
    int n;
    while ((n = out.read(buf)) >= 0) {
      total += n;
      for (int k = 0; k < n; k++) {
        if (tailLen < p.length) tail[tailLen++] = buf[k];
        else {
          System.arraycopy(tail, 1, tail, 0, p.length - 1);
          tail[p.length - 1] = buf[k];
        }
      }
      if (tailLen == p.length && java.util.Arrays.equals(tail, p)) return total;
    }
    throw new IOException("connection closed before the prompt");
  }
}
