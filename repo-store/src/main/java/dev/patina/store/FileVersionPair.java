package dev.patina.store;

/** One artifact at two revisions; {@code before} is null when added, {@code after} when removed. */
public record FileVersionPair(String artifact, String before, String after) {}
