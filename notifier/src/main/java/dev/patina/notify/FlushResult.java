package dev.patina.notify;

/**
 * What one outbox flush did: messages sent, messages still waiting, messages the server refused
 * for good (set aside in the outbox's {@code rejected} folder), and the last error if any.
 */
public record FlushResult(int sent, int pending, int rejected, String lastError) {}
