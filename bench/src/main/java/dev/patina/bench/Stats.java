package dev.patina.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and spread of repeated measurements. */
record Stats(List<Double> values) {
  static Stats of(List<Double> v) {
    List<Double> sorted = new ArrayList<>(v);
    Collections.sort(sorted);
    return new Stats(sorted);
  }

  double median() {
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** A ratio's median with the middle half and the whole range of the values: how sure a figure is. */
  String spread() {
    int n = values.size();
    return String.format(Locale.ROOT, "%.3f (middle half %.3f..%.3f, all %.3f..%.3f, n=%d)", median(),
        values.get(n / 4), values.get((3 * n - 1) / 4), values.get(0), values.get(n - 1), n);
  }

  String format(String unit) {
    return String.format(Locale.ROOT, "%.3f %s (%.3f..%.3f, n=%d)", median(), unit, values.get(0),
        values.get(values.size() - 1), values.size());
  }
}
