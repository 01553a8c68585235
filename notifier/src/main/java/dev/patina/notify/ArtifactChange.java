package dev.patina.notify;

/** One changed artifact: its diffstat and unified diff. */
public record ArtifactChange(String artifact, int added, int removed, String unifiedDiff) {}
