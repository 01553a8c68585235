package dev.patina.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Filter, sort and page the devices table on the server (fine at 10,000 devices: one pass and a sort). */
final class DeviceTable {
  /** One page of rows and how many matched in all. */
  record Page(List<Fleet.DeviceRow> rows, int matched, int page, int pages, int size) {}

  static final List<String> SORTS = List.of("name", "group", "model", "status", "success", "change", "failures");

  private DeviceTable() {}

  static Page page(List<Fleet.DeviceRow> all, String filter, String status, String sort, boolean descending,
      int page, int size) {
    String f = filter == null ? "" : filter.trim().toLowerCase(Locale.ROOT);
    List<Fleet.DeviceRow> matched = all.stream()
        .filter(r -> f.isEmpty() || contains(r.name(), f) || contains(r.group(), f) || contains(r.model(), f))
        .filter(r -> status == null || status.isEmpty() || status.equals(r.status()))
        .sorted(order(sort, descending)).toList();
    int pages = Math.max(1, (matched.size() + size - 1) / size);
    int p = Math.max(1, Math.min(page, pages));
    int from = (p - 1) * size;
    return new Page(matched.subList(from, Math.min(matched.size(), from + size)), matched.size(), p, pages, size);
  }

  private static boolean contains(String s, String f) {
    return s != null && s.toLowerCase(Locale.ROOT).contains(f);
  }

  private static Comparator<Fleet.DeviceRow> order(String sort, boolean descending) {
    Comparator<Fleet.DeviceRow> c = switch (sort == null ? "name" : sort) {
      case "group" -> text(Fleet.DeviceRow::group);
      case "model" -> text(Fleet.DeviceRow::model);
      case "status" -> text(Fleet.DeviceRow::status);
      case "success" -> time(Fleet.DeviceRow::lastSuccess);
      case "change" -> time(Fleet.DeviceRow::lastChange);
      case "failures" -> Comparator.comparingInt(Fleet.DeviceRow::failuresInRow);
      default -> Comparator.comparing(Fleet.DeviceRow::name);
    };
    c = c.thenComparing(Fleet.DeviceRow::name);
    return descending ? c.reversed() : c;
  }

  private static Comparator<Fleet.DeviceRow> text(Function<Fleet.DeviceRow, String> f) {
    return Comparator.comparing(f, Comparator.nullsLast(Comparator.naturalOrder()));
  }

  private static Comparator<Fleet.DeviceRow> time(Function<Fleet.DeviceRow, Instant> f) {
    return Comparator.comparing(f, Comparator.nullsFirst(Comparator.naturalOrder()));
  }
}
