package dev.patina.notify;

/** A state change worth a look, listed first: {@code severity} is CRITICAL, WARNING or INFO. */
public record DigestEvent(String device, String severity, String message) {}
