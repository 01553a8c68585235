package dev.patina.collector.state;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.DeviceSession;
import dev.patina.collector.files.FileSource;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code bonding:} source. */
public final class BondingSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String glob) throws CollectException {
    return bonding(s, glob);
  }

  /** {@code /proc/net/bonding/*} files parsed into bonding state documents. */
  static Map<String, String> bonding(DeviceSession s, String glob) throws CollectException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : FileSource.file(s, glob).entrySet()) {
      String bond = f.getKey().isEmpty() ? glob.substring(glob.lastIndexOf('/') + 1) : f.getKey();
      try {
        out.put(f.getKey(), BondingParser.parse(bond, f.getValue()));
      } catch (StateParseException e) {
        throw new CollectException(FailureKind.PROTOCOL, s.target().name() + ": " + e.getMessage());
      }
    }
    return out;
  }
}
