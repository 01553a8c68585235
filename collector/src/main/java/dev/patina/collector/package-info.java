/**
 * Collects one device's artifacts: {@link dev.patina.collector.Collector} with its
 * {@link dev.patina.collector.ModelRegistry} of YAML models, giving a
 * {@link dev.patina.collector.Snapshot} or a typed {@link dev.patina.collector.CollectException}.
 *
 * <p>This package is the public API plus the small interface between the collector and its
 * sources ({@link dev.patina.collector.ArtifactSource}, {@link dev.patina.collector.DeviceSession}).
 * Each kind of source lives with its transport: {@code ssh} (login, shell, {@code command:}),
 * {@code files} ({@code file:} over SFTP or cat, {@code scp:}, {@code sysctl:}), {@code state}
 * ({@code bonding:}, {@code vrrp:} and their parsers), {@code netconf} ({@code netconf:}) and
 * {@code snmp} ({@code snmp:} and the {@code model: auto} probe). {@code Sources} registers them all.
 */
package dev.patina.collector;
