package dev.patina.diff.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns changes of state documents into events an engineer reads first: bond slaves going
 * down, failing or leaving the aggregator, VRRP roles flipping; and, across the devices of one
 * run, a VRID with two masters or none.
 */
public final class StateEvents {
  private StateEvents() {}

  /** Events between two versions of one artifact ({@code before} null when it is new). */
  public static List<StateEvent> between(String device, String artifact, String before, String after) {
    List<StateEvent> out = new ArrayList<>();
    if (after == null) return out;
    if (artifact.startsWith("state/bonding/")) BondEvents.between(device, artifact, before, after, out);
    else if (artifact.equals("state/vrrp")) VrrpEvents.between(device, artifact, before, after, out);
    return out;
  }

  /** @param vrrpDocs device name to its current {@code state/vrrp} document */
  public static List<StateEvent> acrossDevices(Map<String, String> vrrpDocs) {
    return VrrpEvents.acrossDevices(vrrpDocs);
  }

  /** Warnings about a device's VRRP configuration (e.g. clear-text authentication). */
  public static List<String> findings(String device, String vrrpDoc) {
    return VrrpEvents.findings(device, vrrpDoc);
  }
}
