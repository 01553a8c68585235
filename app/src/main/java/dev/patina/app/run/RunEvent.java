package dev.patina.app.run;

/** A state change worth an engineer's attention, e.g. "VRRP VI_1 on nat-1: BACKUP -> MASTER". */
public record RunEvent(String device, String severity, String message) {}
