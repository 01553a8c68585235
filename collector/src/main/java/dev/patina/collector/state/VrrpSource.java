package dev.patina.collector.state;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.DeviceSession;
import dev.patina.collector.files.FileSource;
import java.util.Map;

/** The {@code vrrp:} source. */
public final class VrrpSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String keepalivedConf) throws CollectException {
    return vrrp(s, keepalivedConf);
  }

  /**
   * keepalived's VRRP instances with their current role: the config file parsed, and where the
   * host holds the virtual addresses ({@code ip -o addr show}); without {@code ip} the role is unknown.
   */
  static Map<String, String> vrrp(DeviceSession s, String keepalivedConf) throws CollectException {
    Map<String, String> conf = FileSource.file(s, keepalivedConf);
    if (conf.isEmpty()) return Map.of();
    String ipAddr;
    try {
      ipAddr = s.ssh().exec(s.vars().getOrDefault("ip-addr", "ip -o addr show"));
    } catch (CollectException e) {
      if (e.kind() != FailureKind.COMMAND_FAILED) throw e;
      s.note("state/vrrp: `ip -o addr show` failed, VRRP roles unknown: " + e.getMessage());
      ipAddr = null;
    }
    try {
      return Map.of("", VrrpState.document(KeepalivedParser.parse(conf.values().iterator().next()), ipAddr));
    } catch (StateParseException e) {
      throw new CollectException(FailureKind.PROTOCOL, s.target().name() + ": " + keepalivedConf + ": " + e.getMessage());
    }
  }
}
