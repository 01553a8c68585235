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
 * the cleaned, masked artifacts with the model and notes, or the failure, or (format 2) only
 * that the artifacts are the git tree the owner's repository had for the device when the run
 * was created. Compressed: a run of a thousand devices keeps their configurations in the
 * database until the owner commits them.
 */
final class CollectedCodec {
  /** 2 added {@link SameTree}; format 1 (a node before it) is read as before. */
  private static final int VERSION = 2;

  private static final int NOT_COLLECTED = 0;
  private static final int COLLECTED = 1; // 0 and 1 are format 1's boolean "collected"
  private static final int SAME_TREE = 2;

  /** What a node recorded, as the owner reads it back. */
  sealed interface Result permits Full, SameTree {}

  /** The whole outcome: the cleaned artifacts, or why there are none. */
  record Full(DeviceBackup.CollectOutcome outcome) implements Result {}

  /**
   * The cleaned artifacts are git tree {@code tree}, the one the work item named as the device's
   * tree in the owner's repository (its {@code base_tree}): the configuration is not sent.
   */
  record SameTree(String tree, String modelName, List<String> notes, Duration took) implements Result {}

  private CollectedCodec() {}

  static byte[] encode(DeviceBackup.CollectOutcome outcome) {
    return write(out -> {
      switch (outcome) {
        case DeviceBackup.Collected c -> {
          out.writeByte(COLLECTED);
          text(out, c.modelName() == null ? "" : c.modelName());
          out.writeLong(c.took().toMillis());
          notes(out, c.notes());
          out.writeInt(c.artifacts().size());
          for (Map.Entry<String, String> a : c.artifacts().entrySet()) {
            text(out, a.getKey());
            text(out, a.getValue());
          }
        }
        case DeviceBackup.NotCollected n -> {
          out.writeByte(NOT_COLLECTED);
          text(out, n.failure().kind().name());
          out.writeLong(n.failure().took().toMillis());
          text(out, n.failure().reason());
        }
      }
    });
  }

  static byte[] encode(SameTree same) {
    return write(out -> {
      out.writeByte(SAME_TREE);
      text(out, same.tree());
      text(out, same.modelName() == null ? "" : same.modelName());
      out.writeLong(same.took().toMillis());
      notes(out, same.notes());
    });
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16384);
    // zlib's fastest level: a third of the CPU of the default one for about 1.3 times the bytes,
    // which stay in the database only until the owner commits them
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes, 16384) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
      }
    })) {
      out.writeInt(VERSION);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  /** The result for {@code device} (this node's inventory entry); {@code models} finds its model by name. */
  static Result decode(byte[] data, Device device, Function<String, Model> models) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(data)))) {
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IOException("a work result of format " + version + " (this Patina reads 1 to " + VERSION
            + "): all nodes must run the same Patina version");
      }
      int kind = in.readUnsignedByte();
      if (kind == NOT_COLLECTED) {
        FailureKind failure = FailureKind.valueOf(text(in));
        Duration took = Duration.ofMillis(in.readLong());
        return new Full(new DeviceBackup.NotCollected(new DeviceResult.Failed(device, took, failure, text(in))));
      }
      if (kind == SAME_TREE && version >= 2) {
        String tree = text(in);
        String model = text(in);
        Duration took = Duration.ofMillis(in.readLong());
        return new SameTree(tree, model.isEmpty() ? null : model, notes(in), took);
      }
      if (kind != COLLECTED) throw new IOException("a work result of format " + version + " with kind " + kind);
      String model = text(in);
      Duration took = Duration.ofMillis(in.readLong());
      List<String> n = notes(in);
      int artifacts = in.readInt();
      Map<String, String> a = new LinkedHashMap<>();
      for (int i = 0; i < artifacts; i++) a.put(text(in), text(in));
      return new Full(new DeviceBackup.Collected(device, model.isEmpty() ? null : models.apply(model),
          model.isEmpty() ? null : model, a, n, took));
    }
  }

  private static void notes(DataOutputStream out, List<String> notes) throws IOException {
    out.writeInt(notes.size());
    for (String n : notes) text(out, n);
  }

  private static List<String> notes(DataInputStream in) throws IOException {
    int notes = in.readInt();
    List<String> n = new ArrayList<>(notes);
    for (int i = 0; i < notes; i++) n.add(text(in));
    return n;
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
