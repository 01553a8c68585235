package dev.patina.store;

import java.time.Instant;

/** One commit of the repository. */
public record CommitInfo(String id, Instant time, String author, String message) {
  public String shortId() {
    return id.substring(0, Math.min(10, id.length()));
  }

  public String subject() {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
