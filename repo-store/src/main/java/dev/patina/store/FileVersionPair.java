package dev.patina.store;

/**
 * One artifact at two revisions; {@code before} is null when added, {@code after} when removed.
 * The texts a diff is made from, not a diff: the diff engine's {@code TextDiff} is the result.
 * The repository store depends on no other Patina module, so it cannot return that type.
 */
public record FileVersionPair(String artifact, String before, String after) {}
