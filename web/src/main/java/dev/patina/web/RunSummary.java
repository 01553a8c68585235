package dev.patina.web;

import java.time.Duration;

/**
 * What a "back up now" did: {@code outcome} is changed, new, unchanged or failed; {@code detail}
 * says why it failed or what changed; {@code commit} is the new commit, or null.
 */
public record RunSummary(String device, String outcome, String detail, String commit, Duration took) {}
