package dev.patina.bench;

import java.util.ArrayList;
import java.util.List;

/** The printed results: one row per figure, printed as it is measured and again at the end. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  void row(String what, String figure) {
    rows.add(new String[] {what, figure});
    System.out.println("  " + what + ": " + figure);
    System.out.flush();
  }

  void print() {
    System.out.println();
    System.out.println("| benchmark | median (min..max, runs) |");
    System.out.println("|---|---|");
    for (String[] r : rows) System.out.println("| " + r[0] + " | " + r[1] + " |");
  }
}
