package dev.patina.collector;

import dev.patina.inventory.Device;

/** Identifies a device for {@code model: auto}: the SNMP source asks for sysObjectID and sysDescr. */
@FunctionalInterface
public interface SystemProbe {
  /** What the device says it is. */
  record Identity(String sysObjectID, String sysDescr) {}

  /** Asks the device what it is; fails (typed) when it cannot be reached. */
  Identity identify(Device target) throws CollectException;
}
