package dev.patina.notify;

/** A message ready to send: subject, plain text, and the HTML alternative. */
public record RenderedMail(String subject, String text, String html) {}
