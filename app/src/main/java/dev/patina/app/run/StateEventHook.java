package dev.patina.app.run;

import java.util.ArrayList;
import java.util.List;

/** Turns a run's state-document changes into events (bond slaves, VRRP roles). */
public final class StateEventHook {
  private StateEventHook() {}

  public static List<RunEvent> events(RunResult run) {
    List<RunEvent> events = new ArrayList<>();
    return events;
  }
}
