package dev.patina.cluster;

import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.DeviceResult;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Model;
import dev.patina.files.RawText;
import dev.patina.inventory.Device;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A device's collected outcome as the bytes of its work item ({@code patina_work_items.result}):
 * the cleaned, masked artifacts with the model and notes, or the failure. Compressed: a run of
 * a thousand devices keeps their configurations in the database until the owner commits them.
 */
final class CollectedCodec {
  private static final int VERSION = 1;

  private CollectedCodec() {}

  static byte[] encode(DeviceBackup.CollectOutcome outcome) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
    // zlib's fastest level: a third of the CPU of the default one for about 1.3 times the bytes,
    // which stay in the database only until the owner commits them
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 16384) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
      }
    })) {
      out.writeInt(VERSION);
      switch (outcome) {
        case DeviceBackup.Collected c -> {
          out.writeBoolean(true);
          text(out, c.modelName() == null ? "" : c.modelName());
          out.writeLong(c.took().toMillis());
          out.writeInt(c.notes().size());
          for (String n : c.notes()) text(out, n);
          out.writeInt(c.artifacts().size());
          for (Map.Entry<String, String> a : c.artifacts().entrySet()) {
            text(out, a.getKey());
            text(out, a.getValue());
          }
        }
        case DeviceBackup.NotCollected n -> {
          out.writeBoolean(false);
          text(out, n.failure().kind().name());
          out.writeLong(n.failure().took().toMillis());
          text(out, n.failure().reason());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** The outcome for {@code device} (this node's inventory entry); {@code models} finds its model by name. */
  static DeviceBackup.CollectOutcome decode(byte[] data, Device device, Function<String, Model> models)
      throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("a work result of format " + version + " (this Patina reads " + VERSION
            + "): all nodes must run the same Patina version");
      }
      if (!in.readBoolean()) {
        FailureKind kind = FailureKind.valueOf(text(in));
        Duration took = Duration.ofMillis(in.readLong());
        return new DeviceBackup.NotCollected(new DeviceResult.Failed(device, took, kind, text(in)));
      }
      String model = text(in);
      Duration took = Duration.ofMillis(in.readLong());
      int notes = in.readInt();
      List<String> n = new ArrayList<>(notes);
      for (int i = 0; i < notes; i++) n.add(text(in));
      int artifacts = in.readInt();
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i < artifacts; i++) a.put(text(in), text(in));
      return new DeviceBackup.Collected(device, model.isEmpty() ? null : models.apply(model),
          model.isEmpty() ? null : model, a, n, took);
    }
  }

  /** As the repository stores it: bytes that were not UTF-8 (escaped by {@link RawText}) come back as they were. */
  private static void text(DataOutputStream out, String s) throws IOException {
    byte[] b = RawText.encode(s);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String text(DataInputStream in) throws IOException {
    return RawText.decode(in.readNBytes(in.readInt()));
  }
}
