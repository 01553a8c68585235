package dev.patina.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** A MINA command that runs its dialogue on its own virtual thread. */
abstract class SessionCommand implements Command {
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
    thread = Thread.ofVirtual().name("sim-" + getClass().getSimpleName()).start(() -> {
      int status;
      try {
        status = run(channel, env);
      } catch (IOException e) {
        status = 255; // the session went away or a fault cut it: nothing left to tell
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
