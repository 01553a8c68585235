package dev.patina.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.DeviceResult;
import dev.patina.collector.FailureKind;
import dev.patina.files.RawText;
import dev.patina.inventory.Device;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a node records for the run's owner comes back to the owner as the node had it. */
class CollectedCodecTest {
  private static final Device LINUX = new Device("web-1", "192.0.2.7", 22, "linux", null, "u", null, null, null, false,
      null, Map.of(), List.of(), null, null, "devices.yaml:3");

  @Test
  void aFileThatIsNotUtf8ReachesTheOwnerByteForByte() throws Exception {
    byte[] latin1 = "# R\u00e9seau du caf\u00e9\nauto eth0\n".getBytes(StandardCharsets.ISO_8859_1);
    Map<String, String> artifacts = new LinkedHashMap<>();
    artifacts.put("files/etc/network/interfaces", RawText.decode(latin1));
    artifacts.put("running-config", "hostname web-1 \u2603\n");
    DeviceBackup.Collected collected = new DeviceBackup.Collected(LINUX, null, null, artifacts, List.of("a note"),
        Duration.ofMillis(1234));

    CollectedCodec.Result back = CollectedCodec.decode(CollectedCodec.encode(collected), LINUX, name -> null);

    DeviceBackup.Collected c = assertInstanceOf(DeviceBackup.Collected.class,
        assertInstanceOf(CollectedCodec.Full.class, back).outcome());
    assertEquals(List.copyOf(artifacts.keySet()), List.copyOf(c.artifacts().keySet()), "artifacts in their order");
    assertArrayEquals(latin1, RawText.encode(c.artifacts().get("files/etc/network/interfaces")));
    assertEquals("hostname web-1 \u2603\n", c.artifacts().get("running-config"));
    assertEquals(List.of("a note"), c.notes());
    assertEquals(Duration.ofMillis(1234), c.took());
  }

  @Test
  void aFailureReachesTheOwnerWithItsKindAndReason() throws Exception {
    DeviceBackup.NotCollected failed = new DeviceBackup.NotCollected(new DeviceResult.Failed(LINUX,
        Duration.ofSeconds(30), FailureKind.TIMEOUT, "no reply within 30 s"));

    CollectedCodec.Result back = CollectedCodec.decode(CollectedCodec.encode(failed), LINUX, name -> null);

    DeviceResult.Failed f = assertInstanceOf(DeviceBackup.NotCollected.class,
        assertInstanceOf(CollectedCodec.Full.class, back).outcome()).failure();
    assertEquals(FailureKind.TIMEOUT, f.kind());
    assertEquals("no reply within 30 s", f.reason());
    assertEquals(Duration.ofSeconds(30), f.took());
  }

  @Test
  void anUnchangedDeviceReachesTheOwnerAsItsTreeIdInAFewDozenBytes() throws Exception {
    String tree = "4b825dc642cb6eb9a060e54bf8d69288fbbf4904";
    CollectedCodec.SameTree same = new CollectedCodec.SameTree(tree, "cisco-ios", List.of("a note"),
        Duration.ofMillis(812));

    byte[] bytes = CollectedCodec.encode(same);

    assertEquals(same, CollectedCodec.decode(bytes, LINUX, name -> null));
    assertTrue(bytes.length < 120, bytes.length + " bytes");
  }

  /** Format 1, as nodes before format 2 wrote it: version, "collected", model, took, notes, artifacts. */
  private static byte[] formatOne(String model, long tookMs, List<String> notes, Map<String, String> artifacts)
      throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(bytes))) {
      out.writeInt(1);
      out.writeBoolean(true);
      writeText(out, model);
      out.writeLong(tookMs);
      out.writeInt(notes.size());
      for (String n : notes) writeText(out, n);
      out.writeInt(artifacts.size());
      for (Map.Entry<String, String> a : artifacts.entrySet()) {
        writeText(out, a.getKey());
        writeText(out, a.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private static void writeText(java.io.DataOutputStream out, String s) throws Exception {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  @Test
  void aResultInFormatOneStillReachesTheOwner() throws Exception {
    byte[] old = formatOne("", 70, List.of("n1"), Map.of("running-config", "hostname web-1\n"));

    DeviceBackup.Collected c = assertInstanceOf(DeviceBackup.Collected.class,
        assertInstanceOf(CollectedCodec.Full.class, CollectedCodec.decode(old, LINUX, name -> null)).outcome());

    assertEquals(Map.of("running-config", "hostname web-1\n"), c.artifacts());
    assertEquals(List.of("n1"), c.notes());
    assertEquals(Duration.ofMillis(70), c.took());
  }
}
