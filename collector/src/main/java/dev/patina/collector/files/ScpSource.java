package dev.patina.collector.files;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.DeviceSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import net.schmizz.sshj.xfer.InMemoryDestFile;

/** The {@code scp:} source. */
public final class ScpSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String path) throws CollectException {
    return scp(s, path);
  }

  /** A file copied over SCP (ProCurve's cfg/running-config). */
  static Map<String, String> scp(DeviceSession s, String path) throws CollectException {
    Memory memory = new Memory();
    try {
      s.ssh().client().newSCPFileTransfer().download(path, memory);
    } catch (IOException e) {
      throw new CollectException(FailureKind.COMMAND_FAILED, s.target().name() + ": SCP of " + path
          + " failed: " + e.getMessage(), e);
    }
    return Map.of("", dev.patina.files.RawText.decode(memory.out.toByteArray())); // byte for byte, like file:
  }

  /** An SCP download target in memory. */
  private static final class Memory extends InMemoryDestFile {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    public long getLength() {
      return out.size();
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public OutputStream getOutputStream(boolean append) {
      return out;
    }
  }
}
