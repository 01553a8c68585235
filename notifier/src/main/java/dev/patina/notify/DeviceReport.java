package dev.patina.notify;

import dev.patina.diff.TextDiff;
import java.util.List;

/**
 * What a run did for one device, as a digest tells it. The run's own per-device result
 * implements this (in {@code app}), so the digest renders it directly, without a copy.
 */
public interface DeviceReport {
  /** The device's name. */
  String name();

  /** Its group, or null. */
  String group();

  DeviceStatus status();

  /** Its changed artifacts, named as within the device ({@code running-config}); empty unless changed. */
  List<TextDiff> diffs();

  /** Why it failed and what to do; null unless failed. */
  String failure();
}
