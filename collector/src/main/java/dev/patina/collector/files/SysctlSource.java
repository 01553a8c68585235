package dev.patina.collector.files;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.DeviceSession;
import java.util.Map;

/** The {@code sysctl:} source. */
public final class SysctlSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String names) throws CollectException {
    return sysctl(s, names);
  }

  /** Kernel settings by name ("net.ipv4.ip_forward ..."), read from /proc/sys, as "name = value" lines. */
  static Map<String, String> sysctl(DeviceSession s, String names) throws CollectException {
    StringBuilder out = new StringBuilder();
    for (String key : names.trim().split("\\s+")) {
      Map<String, String> value = FileSource.file(s, "/proc/sys/" + key.replace('.', '/'));
      if (value.containsKey("")) {
        out.append(key).append(" = ").append(value.get("").strip()).append('\n');
      }
    }
    return out.isEmpty() ? Map.of() : Map.of("", out.toString());
  }
}
