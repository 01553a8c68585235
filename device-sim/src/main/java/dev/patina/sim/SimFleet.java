package dev.patina.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Many simulated devices, each on its own loopback port, sharing one small pool of IO threads
 * and one timer (benchmarks, demos). Session dialogues run on virtual threads.
 */
public final class SimFleet implements AutoCloseable {
  private final SharedIo io;
  private final List<SimDevice> devices;

  private SimFleet(SharedIo io, List<SimDevice> devices) {
    this.io = io;
    this.devices = List.copyOf(devices);
  }

  /**
   * Starts {@code count} devices made by {@code factory} (called with 0..count-1, returning a
   * configured, not yet started device), each on a free port.
   */
  public static SimFleet start(int count, IntFunction<SimDevice> factory) throws IOException {
    return start(count, factory, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** As {@link #start(int, IntFunction)} with {@code ioThreads} IO threads. */
  public static SimFleet start(int count, IntFunction<SimDevice> factory, int ioThreads)
      throws IOException {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, not " + count);
    }
    SharedIo io = new SharedIo(ioThreads);
    List<SimDevice> started = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        SimDevice device = factory.apply(i);
        if (device == null) {
          throw new IllegalArgumentException("the device factory returned null for index " + i);
        }
        started.add(device.sharedIo(io).start());
      }
    } catch (IOException | RuntimeException e) {
      closeAll(started, io);
      throw e;
    }
    return new SimFleet(io, started);
  }

  /** The devices, in factory index order. */
  public List<SimDevice> devices() {
    return devices;
  }

  /** The device made for {@code index}. */
  public SimDevice device(int index) {
    return devices.get(index);
  }

  /** How many devices run. */
  public int size() {
    return devices.size();
  }

  @Override
  public void close() throws IOException {
    closeAll(devices, io);
  }

  private static void closeAll(List<SimDevice> devices, SharedIo io) throws IOException {
    IOException first = null;
    for (SimDevice device : devices) {
      try {
        device.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    io.close();
    if (first != null) {
      throw first;
    }
  }
}
