package dev.patina.notify;

/** What one outbox flush did: messages sent, messages still waiting, and the last error if any. */
public record FlushResult(int sent, int pending, String lastError) {}
