package dev.patina.notify;

import java.time.Instant;

/** Alerts about one device: failing N runs in a row, and recovered; one mail each, not one per run. */
public final class AlertRenderer {
  public RenderedMail failing(String device, int times, Instant since, String reason) {
    String subject = "[patina] ALERT " + device + " failed " + times + " runs in a row";
    String text = device + " has failed " + times + " backups in a row"
        + (since == null ? "" : " since " + DigestRenderer.TIME.format(since)) + ".\n\nLast error:\n  " + reason
        + "\n\nIts last good configuration stays in git. You get one more mail when it recovers.\n";
    return new RenderedMail(subject, text, html(text));
  }

  public RenderedMail recovered(String device, int failures) {
    String subject = "[patina] RECOVERED " + device + " after " + failures + " failed runs";
    String text = device + " was backed up again after " + failures + " failed runs in a row.\n";
    return new RenderedMail(subject, text, html(text));
  }

  private static String html(String text) {
    return "<!DOCTYPE html><html><body><pre>" + DigestHtml.esc(text) + "</pre></body></html>\n";
  }
}
