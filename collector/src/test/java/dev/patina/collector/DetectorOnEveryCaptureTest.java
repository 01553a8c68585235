package dev.patina.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.diff.CredentialDetector;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The credential detector reads every line of every file in both shared capture folders
 * (device-captures and more-device-captures: many vendors, prompts, banners, binary-looking
 * output) without failing: on a backup a failure would cost the line (stored as one tag).
 */
class DetectorOnEveryCaptureTest {
  @Test
  void theDetectorReadsEveryLineOfEveryRecordedSessionWithoutFailing() throws IOException {
    Path shared = Captures.dir().getParent();
    List<String> problems = new ArrayList<>();
    int files = 0;
    long lines = 0;
    for (String folder : List.of("device-captures", "more-device-captures")) {
      Path dir = shared.resolve(folder);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
          String text;
          try {
            text = Files.readString(f, StandardCharsets.UTF_8);
          } catch (MalformedInputException notText) {
            continue;
          }
          files++;
          lines += text.lines().count();
          try {
            CredentialDetector.standard().unmasked(text);
          } catch (RuntimeException e) {
            problems.add(shared.relativize(f) + ": " + e);
          }
        }
      }
    }
    assertTrue(files > 100, "read the shared captures: " + files + " files");
    assertTrue(lines > 10_000, "lines read: " + lines);
    assertEquals(List.of(), problems);
  }
}
