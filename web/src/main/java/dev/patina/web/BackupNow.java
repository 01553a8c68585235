package dev.patina.web;

/**
 * "Back up now" for one device, through the same pipeline as every other run; the app
 * implements it. {@code requestedBy} names the person or token that asked (for the run log).
 */
public interface BackupNow {
  RunSummary backup(String device, String requestedBy) throws Exception;
}
