package dev.patina.collector.ssh;

import java.nio.charset.Charset;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.ChannelInputStream;
import net.schmizz.sshj.connection.channel.direct.SessionChannel;

/**
 * A session channel whose output goes to an {@link OutputPump} on sshj's reader thread, as each
 * data packet is read, instead of into the channel's input stream (which stays empty).
 *
 * <p>Why: with the stream, every chunk took two hand-offs, sshj's reader waking a thread that
 * reads the stream, which wakes the session; this way the reader feeds the terminal and wakes
 * the session itself, one hand-off as for any client reading its channel directly. The
 * window is given back here as the data is taken, as sshj does for a stream in auto-expand
 * mode. This uses sshj's channel API for subclasses ({@code receiveInto}, {@code lwin},
 * {@code eofInputStreams}); an sshj upgrade is checked by the session tests. Extended data
 * (stderr; a terminal session has none) still goes to the error stream.
 */
final class ShellChannel extends SessionChannel {
  private final OutputPump pump;

  ShellChannel(Connection connection, Charset remoteCharset, OutputPump pump) {
    super(connection, remoteCharset);
    this.pump = pump;
  }

  @Override
  protected void receiveInto(ChannelInputStream stream, SSHPacket packet) throws SSHException {
    if (stream != getInputStream()) {
      super.receiveInto(stream, packet);
      return;
    }
    int length;
    try {
      length = packet.readUInt32AsInt();
    } catch (Buffer.BufferException e) {
      throw new ConnectionException(e);
    }
    if (length < 0 || length > getLocalMaxPacketSize() || length > packet.available()) {
      throw new ConnectionException(DisconnectReason.PROTOCOL_ERROR, "Bad item length: " + length);
    }
    pump.accept(packet.array(), packet.rpos(), length);
    synchronized (lwin) {
      lwin.consume(length);
      long adjustment = lwin.neededAdjustment();
      if (adjustment > 0) {
        trans.write(newBuffer(Message.CHANNEL_WINDOW_ADJUST).putUInt32(adjustment));
        lwin.expand(adjustment);
      }
    }
  }

  @Override
  protected void eofInputStreams() {
    super.eofInputStreams();
    pump.end(null);
  }

  @Override
  protected void closeAllStreams() {
    super.closeAllStreams();
    pump.end(null);
  }

  @Override
  public void notifyError(SSHException error) {
    super.notifyError(error);
    pump.end(error);
  }
}
