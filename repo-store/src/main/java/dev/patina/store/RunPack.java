package dev.patina.store;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.transport.PackedObjectInfo;
import org.eclipse.jgit.util.IO;

/**
 * The pack file that staged objects go into ({@link RunWriter#stage}): written as devices are
 * backed up, made visible with its index by {@link #flush}, deleted by {@link #close} without.
 *
 * <p><b>Work outside the lock.</b> The thread that brings an object computes its id (JGit's
 * SHA-1 with collision detection) and deflates it itself; only appending the finished entry to
 * the file takes {@link #lock}, and the file is written through a buffer. JGit's
 * {@code PackInserter}, used before, did both under the staging lock, wrote each piece of an
 * entry with a system call of its own, and checksummed the whole pack again with collision
 * detection in the single-threaded commit. Staging 1,000 new 2,000-line configs from 64 threads
 * on 2 cores, then committing: 380-500 ms of staging and a 35-49 ms commit before, 220-270 ms and
 * 20-23 ms with this, for about the same CPU (430-540 against 460-590 us a device).
 *
 * <p><b>The pack's own checksum</b> (its last 20 bytes, which its index repeats) names nothing:
 * it tells a reader that the file is whole. It is the JDK's SHA-1, computed over the finished
 * file once. Object ids, which name content, always get collision detection.
 *
 * <p>Objects already in other packs are written again (see
 * {@link JGitFileStorage#gc}: the next gc keeps one copy); within this pack each object is
 * written once. Thread-safe for {@link #insert}; {@link #flush} and {@link #close} run alone
 * (the caller sees to it: {@link RunWriter} takes the pack from stagers first).
 */
final class RunPack extends ObjectInserter {
  /** One stored object kept in memory for a run that ends up writing loose objects instead. */
  record Kept(int type, byte[] data) {}

  private static final int HEADER = 12; // "PACK", version 2, object count

  private final Repository repo;
  private final int level;
  private final Path tmp;
  private final Path tmpIdx;
  private final RandomAccessFile file;
  private final OutputStream out;
  /** Guards the file, {@link #offset}, {@link #objects} and {@link #kept}. */
  private final ReentrantLock lock = new ReentrantLock();
  private final ObjectIdOwnerMap<PackedObjectInfo> objects = new ObjectIdOwnerMap<>();
  private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();
  private long offset;
  /** Objects as given, while a run this small may still be written loose (null: no longer kept). */
  private Map<ObjectId, Kept> kept = new LinkedHashMap<>();
  private boolean done;
  /** A write that failed: the file may hold part of an entry, so it is never published. */
  private IOException failed;

  /**
   * A new pack in the repository's object folder (not visible to readers until {@link #flush}),
   * deflating at {@code level} (0-9).
   */
  RunPack(Repository repo, int level) throws IOException {
    this.repo = repo;
    this.level = level;
    Path objectsDir = JGitFileStorage.objectsDir(repo);
    // java.io's temporary file, as JGit's: the umask's permissions (Files.createTempFile would make
    // it owner-only, and a pack unreadable by the group that reads the repository)
    this.tmp = java.io.File.createTempFile("insert_", ".pack", objectsDir.toFile()).toPath();
    this.tmpIdx = tmp.resolveSibling(tmp.getFileName().toString().replace(".pack", ".idx"));
    this.file = new RandomAccessFile(tmp.toFile(), "rw");
    this.out = new BufferedOutputStream(new FileOutputStream(file.getFD()), 1 << 16);
    byte[] header = {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0}; // the count is written by flush
    out.write(header);
    offset = HEADER;
  }

  /** Stops keeping objects in memory: the run is large enough to be published as this pack. */
  void stopKeeping() {
    lock.lock();
    try {
      kept = null;
    } finally {
      lock.unlock();
    }
  }

  /** The objects inserted so far, as given, in order; only until {@link #stopKeeping}. */
  List<Kept> keptObjects() {
    lock.lock();
    try {
      if (kept == null) throw new IllegalStateException("a run's pack stopped keeping its objects");
      return List.copyOf(kept.values());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
    ObjectId id = new ObjectInserter.Formatter().idFor(type, data, off, len); // collision detection: this names content
    if (has(id)) return id;
    Entry entry = entry(type, data, off, len);
    CRC32 crc = new CRC32();
    crc.update(entry.bytes, 0, entry.length);
    lock.lock();
    try {
      if (done) throw new IOException("the run's pack " + tmp.getFileName() + " is closed");
      if (failed != null) throw failed;
      if (objects.contains(id)) return id; // another thread wrote it meanwhile
      try {
        out.write(entry.bytes, 0, entry.length);
      } catch (IOException e) {
        failed = new IOException("writing " + tmp + " failed: " + e.getMessage(), e); // the file is no pack now
        throw failed;
      }
      PackedObjectInfo info = new PackedObjectInfo(id);
      info.setOffset(offset);
      info.setCRC((int) crc.getValue());
      objects.add(info);
      offset += entry.length;
      if (kept != null) kept.put(id, new Kept(type, java.util.Arrays.copyOfRange(data, off, off + len)));
      return id;
    } finally {
      lock.unlock();
    }
  }

  private boolean has(ObjectId id) {
    lock.lock();
    try {
      return objects.contains(id);
    } finally {
      lock.unlock();
    }
  }

  /** A pack entry: {@code bytes[0, length)}. */
  private record Entry(byte[] bytes, int length) {}

  /** The pack entry of an object: its type and size header, then the zlib stream of its data. */
  private Entry entry(int type, byte[] data, int off, int len) {
    byte[] buf = new byte[16 + (len >> 2) + 64]; // configurations deflate to a tenth or less; grown when not
    int n = 0;
    long size = len;
    int c = (type << 4) | (int) (size & 0x0f);
    size >>>= 4;
    while (size != 0) {
      buf[n++] = (byte) (c | 0x80);
      c = (int) (size & 0x7f);
      size >>>= 7;
    }
    buf[n++] = (byte) c;
    Deflater d = deflaters.poll();
    if (d == null) d = new Deflater(level);
    try {
      d.setInput(data, off, len);
      d.finish();
      while (!d.finished()) {
        if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        n += d.deflate(buf, n, buf.length - n);
      }
    } finally {
      d.reset();
      deflaters.offer(d);
    }
    return new Entry(buf, n);
  }

  @Override
  public ObjectId insert(int type, long length, InputStream in) throws IOException {
    if (length > Integer.MAX_VALUE - 64) throw new IOException("an object of " + length + " bytes is too large for a run's pack");
    byte[] data = new byte[(int) length];
    IO.readFully(in, data, 0, data.length);
    return insert(type, data, 0, data.length);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("a run's pack takes objects one at a time");
  }

  @Override
  public ObjectReader newReader() {
    throw new UnsupportedOperationException("a run's pack is read once it is published");
  }

  /**
   * Makes the pack visible: writes the object count and the checksum, then the index, renames
   * both into {@code objects/pack} (the pack first: readers find packs by their index) and
   * tells the repository. Nothing inserted: the file is dropped.
   */
  @Override
  public void flush() throws IOException {
    lock.lock();
    boolean published = false;
    try {
      if (done) return;
      done = true;
      if (failed != null) throw failed;
      out.flush();
      if (objects.size() == 0) return;
      file.seek(8);
      file.writeInt(objects.size());
      byte[] checksum = checksum();
      file.seek(file.length());
      file.write(checksum);
      file.getFD().sync(); // as git does for packs by default (core.fsync): a commit will name these objects
      file.close();
      List<PackedObjectInfo> sorted = new ArrayList<>(objects.size());
      objects.forEach(sorted::add);
      Collections.sort(sorted);
      try (FileOutputStream idxFile = new FileOutputStream(tmpIdx.toFile());
          OutputStream idx = new BufferedOutputStream(idxFile)) {
        JGitFileStorage.writeIndex(idx, sorted, checksum);
        idx.flush();
        idxFile.getFD().sync();
      }
      Path packDir = JGitFileStorage.objectsDir(repo).resolve("pack");
      Files.createDirectories(packDir);
      String name = "pack-" + ObjectId.fromRaw(checksum).name();
      Path pack = packDir.resolve(name + ".pack");
      tmp.toFile().setReadOnly(); // packs and their indexes are read-only, as git and JGit leave them
      tmpIdx.toFile().setReadOnly();
      Files.move(tmp, pack, StandardCopyOption.ATOMIC_MOVE);
      Files.move(tmpIdx, packDir.resolve(name + ".idx"), StandardCopyOption.ATOMIC_MOVE);
      published = true;
      JGitFileStorage.openPack(repo, pack);
    } finally {
      if (!published) dropFile();
      endDeflaters();
      lock.unlock();
    }
  }

  /** SHA-1 of the file as written so far (the pack's trailer); see the class comment. */
  private byte[] checksum() throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("this JDK has no SHA-1", e);
    }
    byte[] buf = new byte[1 << 16];
    file.seek(0);
    int n;
    while ((n = file.read(buf)) > 0) md.update(buf, 0, n);
    return md.digest();
  }

  /** Drops the file if {@link #flush} did not publish it. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (!done) {
        done = true;
        dropFile();
      }
    } finally {
      endDeflaters();
      lock.unlock();
    }
  }

  private void dropFile() {
    try {
      out.close(); // also closes the file
    } catch (IOException ignored) {
      // the file goes anyway
    }
    try {
      file.close();
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmpIdx);
    } catch (IOException ignored) {
      // a leftover insert_* file is not in objects/pack: neither git nor JGit reads it
    }
  }

  private void endDeflaters() {
    for (Deflater d; (d = deflaters.poll()) != null; ) d.end();
  }
}
