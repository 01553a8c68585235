package dev.patina.diff;

/**
 * A unified diff of one artifact with its diffstat. Hunk headers name the enclosing config
 * section: {@code @@ -10,7 +10,7 @@ interface GigabitEthernet1/0/1}.
 */
public record TextDiff(String path, int added, int removed, String unified) {
  public boolean isEmpty() {
    return added == 0 && removed == 0;
  }
}
