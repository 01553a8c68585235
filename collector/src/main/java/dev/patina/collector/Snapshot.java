package dev.patina.collector;

import java.util.List;
import java.util.Map;

/**
 * What was collected from one device: artifact path ("running-config", "version",
 * "state/bonding/bond0") to text already free of echo, prompts, pagers and terminal codes; not
 * yet normalised or masked. {@code model} is the model that was used, resolved once here (for
 * {@code model: auto}, the one detected). {@code notes} say what was skipped or fell back.
 */
public record Snapshot(String device, Model model, Map<String, String> artifacts, List<String> notes) {
  public Snapshot {
    artifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(artifacts));
    notes = List.copyOf(notes);
  }
}
