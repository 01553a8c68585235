package dev.patina.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** A MINA command that runs its dialogue on its own (virtual) thread. */
abstract class SessionCommand implements Command {
  // MINA waits for SSH window space in synchronized blocks; before Java 24 that pins a virtual
  // thread's carrier, so older JVMs get a platform thread per session instead.
  private static final boolean VIRTUAL = Runtime.version().feature() >= 24;

  protected InputStream in;
  protected OutputStream out;
  protected OutputStream err;
  private ExitCallback exit;
  private Thread thread;

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    Thread.Builder builder = VIRTUAL ? Thread.ofVirtual() : Thread.ofPlatform().daemon();
    thread = builder.name("sim-" + getClass().getSimpleName()).start(() -> {
      int status;
      try {
        status = run(channel, env);
      } catch (IOException e) {
        status = 255; // the session went away or a fault cut it: nothing left to tell
      } catch (RuntimeException e) {
        status = 70; // a simulator bug: say so on stderr rather than leave the client waiting
        try {
          err.write(("patina-sim internal error: " + e + "\n").getBytes(
              java.nio.charset.StandardCharsets.UTF_8));
          err.flush();
        } catch (IOException ignored) {
          // the channel is gone as well
        }
      }
      exit.onExit(status);
    });
  }

  /** The dialogue; returns the exit status. */
  protected abstract int run(ChannelSession channel, Environment env) throws IOException;

  @Override
  public void destroy(ChannelSession channel) {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
