package dev.patina.sim;

import java.util.ArrayList;
import java.util.List;

/** The device's log of what it received, shared by its sessions. */
final class Journal {
  private final List<Received> entries = new ArrayList<>();

  synchronized void add(Received.Kind kind, String text) {
    entries.add(new Received(kind, kind == Received.Kind.PASSWORD ? "******" : text));
  }

  synchronized List<Received> snapshot() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
