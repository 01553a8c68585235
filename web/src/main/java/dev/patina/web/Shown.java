package dev.patina.web;

/**
 * The one gate for stored text on its way to a person or a program: every artifact, diff side,
 * search line and API body the web shows passes {@link #text}. Stored text was masked when it
 * was backed up; this is where the credential detector of the secrets work applies again to
 * versions stored before a form was known.
 */
public interface Shown {
  String text(String device, String artifact, String stored);

  /** Shows stored text as it is (it was masked at backup time). */
  Shown AS_STORED = (device, artifact, stored) -> stored;
}
