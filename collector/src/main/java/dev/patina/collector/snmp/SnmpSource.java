package dev.patina.collector.snmp;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Collector;
import dev.patina.collector.DeviceSession;
import dev.patina.collector.SystemProbe;
import dev.patina.inventory.Device;
import java.util.List;
import java.util.Map;
import org.snmp4j.smi.OID;

/**
 * Model lines {@code snmp: system|interfaces|vrrp|lag|entity} read over SNMP, and the probe that
 * identifies a device for {@code model: auto}. Both are built in, like every other source.
 */
public final class SnmpSource implements ArtifactSource, SystemProbe {
  @Override
  public Map<String, String> read(DeviceSession session, String what) throws CollectException {
    Device t = session.target();
    if (t.snmp() == null) {
      session.note("snmp " + what + " skipped: the device has no snmp: settings in the inventory");
      return Map.of();
    }
    try (SnmpClient c = SnmpClient.open(t.name(), t.host(), t.snmp())) {
      String doc = switch (what.strip()) {
        case "system" -> SnmpDocuments.system(c);
        case "interfaces" -> SnmpDocuments.interfaces(c);
        case "vrrp" -> SnmpDocuments.vrrp(c);
        case "lag" -> SnmpDocuments.lag(c);
        case "entity" -> SnmpDocuments.entity(c);
        default -> throw new CollectException(FailureKind.MODEL, t.name() + ": unknown snmp source \"" + what
            + "\"; use system, interfaces, vrrp, lag or entity");
      };
      return doc.isEmpty() ? Map.of() : Map.of("", doc);
    }
  }

  @Override
  public Identity identify(Device t) throws CollectException {
    if (t.snmp() == null) {
      throw new CollectException(FailureKind.MODEL, t.name() + ": model auto needs snmp: settings to ask the device what it is");
    }
    try (SnmpClient c = SnmpClient.open(t.name(), t.host(), t.snmp())) {
      OID descr = new OID(SnmpDocuments.SYSTEM).append(1).append(0);
      OID objectId = new OID(SnmpDocuments.SYSTEM).append(2).append(0);
      Map<OID, String> v = c.get(List.of(descr, objectId));
      return new Identity(v.getOrDefault(objectId, ""), v.getOrDefault(descr, ""));
    }
  }
}
