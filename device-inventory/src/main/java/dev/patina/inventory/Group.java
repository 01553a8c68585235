package dev.patina.inventory;

import java.util.List;

/** A named set of devices sharing settings, a schedule and a mail list. */
public record Group(String name, String model, String schedule, List<String> mailTo, String origin) {}
