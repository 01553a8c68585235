package dev.patina.inventory;

import java.util.List;

/**
 * {@code cluster:} of {@code patina.yaml}: the PostgreSQL database the nodes share, this node's
 * name (default: the host name) and the zones whose devices it collects. Absent (null in
 * {@link ServiceConfig}) on a single node, which needs no database.
 */
public record ClusterSettings(String url, String user, Secret password, String node, List<String> zones) {
  public ClusterSettings {
    zones = List.copyOf(zones);
  }
}
