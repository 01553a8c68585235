package dev.patina.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileIsReplacedWholeAndNoTemporaryFileStays() throws Exception {
    Path f = dir.resolve("report.json");
    Files.writeString(f, "old");
    SafeFile.write(f, "new".getBytes(StandardCharsets.UTF_8), "the run report");
    assertEquals("new", Files.readString(f));
    assertEquals(List.of("report.json"), names());
  }

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    Path f = dir.resolve("status");
    Files.writeString(f, "old");
    IOException e = assertThrows(IOException.class, () -> SafeFile.write(f, out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("No space left on device");
    }, "the status file", null));
    assertEquals("old", Files.readString(f));
    assertEquals(List.of("status"), names());
    assertTrue(e.getMessage().startsWith("cannot write the status file " + f + ": No space left on device"), e.getMessage());
  }

  @Test
  void aMissingFolderIsNamedAndNotCreated() {
    Path f = dir.resolve("no/such/report.json");
    IOException e = assertThrows(IOException.class, () -> SafeFile.write(f, new byte[1], "the run report"));
    assertTrue(e.getMessage().contains("the folder " + dir.resolve("no/such") + " does not exist"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("no")));
  }

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetGetsTheContent() throws Exception {
    Path real = dir.resolve("real.json");
    Files.writeString(real, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real);
    SafeFile.write(link, "new".getBytes(StandardCharsets.UTF_8), "the run report");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
  }

  @Test
  void aNamedPipeIsWrittenThroughAndStaysAPipe() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Process reader = new ProcessBuilder("cat", fifo.toString()).start();
    SafeFile.write(fifo, "through\n".getBytes(StandardCharsets.UTF_8), "the run report");
    assertEquals("through\n", new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertFalse(Files.isRegularFile(fifo), "the pipe was not replaced by a file");
    assertTrue(Files.exists(fifo));
  }

  @Test
  void aCharacterDeviceIsWrittenThroughNotReplaced() throws Exception {
    Path devNull = Path.of("/dev/null");
    SafeFile.write(devNull, "x".getBytes(StandardCharsets.UTF_8), "the run report");
    assertFalse(Files.isRegularFile(devNull));
  }

  @Test
  void aFolderIsRefused() {
    IOException e = assertThrows(IOException.class, () -> SafeFile.write(dir, new byte[1], "the run report"));
    assertTrue(e.getMessage().endsWith("is a folder; give a file name"), e.getMessage());
  }
}
