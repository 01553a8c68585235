package dev.patina.collector;

import java.util.Map;

/**
 * Reads one kind of artifact source, the word before the colon of a model's source line
 * ({@code command:}, {@code file:}, {@code scp:}, {@code sysctl:}, {@code bonding:},
 * {@code vrrp:}, {@code netconf:}, {@code snmp:}). Each kind lives in the feature package of its
 * transport ({@code ssh}, {@code files}, {@code state}, {@code netconf}, {@code snmp}) and is
 * registered in one table, {@code Sources}.
 */
@FunctionalInterface
public interface ArtifactSource {
  /**
   * Reads {@code target} (the YAML value, {@code ${vars}} already substituted) from the device.
   *
   * @return text per file: key "" for a single artifact, the file name for each match of a
   *     glob (the artifact name's {@code {file}}); an empty map when the thing does not exist
   * @throws CollectException when it cannot be read (the next source of the artifact is tried)
   */
  Map<String, String> read(DeviceSession session, String target) throws CollectException;
}
