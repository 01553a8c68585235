package dev.patina.sim;

import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;

/**
 * One NIO2 service (one channel group on one small thread pool) and one timer shared by many
 * simulated devices, so a thousand devices cost a thousand listening sockets and little else.
 */
final class SharedIo implements AutoCloseable {
  private final CloseableExecutorService ioThreads;
  private final CloseableExecutorService resumeThreads;
  private final ScheduledExecutorService timer;
  private final Nio2ServiceFactory nio;

  SharedIo(int threads) {
    ioThreads = ThreadUtils.newFixedThreadPool("sim-io", threads);
    resumeThreads = ThreadUtils.newCachedThreadPool("sim-resume");
    timer = ThreadUtils.newSingleThreadScheduledExecutor("sim-timer");
    // The service reads its socket settings from this template server's (default) properties.
    FactoryManager template = SshServer.setUpDefaultServer();
    nio = new Nio2ServiceFactory(template, ioThreads, resumeThreads);
  }

  /** Makes {@code server} use the shared IO service and timer. */
  void apply(SshServer server) {
    server.setIoServiceFactoryFactory(new IoServiceFactoryFactory() {
      @Override
      public IoServiceFactory create(FactoryManager manager) {
        return new View();
      }

      @Override
      public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        throw new UnsupportedOperationException("the shared IO threads are fixed");
      }
    });
    server.setScheduledExecutorService(timer, false);
  }

  @Override
  public void close() {
    nio.close(true);
    ioThreads.shutdownNow();
    resumeThreads.shutdownNow();
    timer.shutdownNow();
  }

  /** One server's handle on the shared service: closing it leaves the service running. */
  private final class View extends AbstractCloseable implements IoServiceFactory {
    private IoServiceEventListener listener;

    @Override
    public IoConnector createConnector(IoHandler handler) {
      return nio.createConnector(handler);
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
      return nio.createAcceptor(handler);
    }

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
      return listener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
      this.listener = listener;
    }
  }
}
