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

  String format(String unit) {
    return String.format(Locale.ROOT, "%.3f %s (%.3f..%.3f, n=%d)", median(), unit, values.get(0),
        values.get(values.size() - 1), values.size());
  }
}
