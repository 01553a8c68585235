package dev.patina.collector;

import dev.patina.collector.files.FileSource;
import dev.patina.collector.files.ScpSource;
import dev.patina.collector.files.SysctlSource;
import dev.patina.collector.netconf.NetconfSource;
import dev.patina.collector.snmp.SnmpSource;
import dev.patina.collector.ssh.CommandSource;
import dev.patina.collector.state.BondingSource;
import dev.patina.collector.state.VrrpSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every kind of source a model line can name ({@code command: ...}, {@code file: ...}), each
 * read by the feature package that owns its transport. The one place a source is registered.
 */
final class Sources {
  private Sources() {}

  /** The SNMP source, which also identifies devices for {@code model: auto}. */
  static final SnmpSource SNMP = new SnmpSource();

  static Map<String, ArtifactSource> builtIn() {
    Map<String, ArtifactSource> m = new LinkedHashMap<>();
    m.put("command", new CommandSource());
    m.put("file", new FileSource());
    m.put("scp", new ScpSource());
    m.put("sysctl", new SysctlSource());
    m.put("bonding", new BondingSource());
    m.put("vrrp", new VrrpSource());
    m.put("netconf", new NetconfSource());
    m.put("snmp", SNMP);
    return m;
  }

  /** What identifies a device for {@code model: auto}. */
  static SystemProbe probe() {
    return SNMP;
  }
}
