package dev.patina.collector.netconf;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.DeviceSession;
import dev.patina.collector.FailureKind;
import dev.patina.collector.ssh.SshLink;
import dev.patina.inventory.Device;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code netconf:} source: {@code get-config} (running, as canonical XML) or
 * {@code capabilities}, over the SSH "netconf" subsystem on the model's {@code netconf-port}.
 * One NETCONF exchange per device run serves both artifacts.
 */
public final class NetconfSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String what) throws CollectException {
    String key = switch (what.strip()) {
      case "get-config" -> NetconfCollector.RUNNING_CONFIG;
      case "capabilities" -> NetconfCollector.CAPABILITIES;
      default -> throw new CollectException(FailureKind.MODEL, s.target().name() + ": netconf: " + what
          + " is not known; use get-config or capabilities");
    };
    Map<String, String> all = s.remembered("netconf", () -> fetch(s));
    String text = all.get(key);
    return text == null ? Map.of() : Map.of("", text);
  }

  private static Map<String, String> fetch(DeviceSession s) throws CollectException {
    Device t = s.target();
    int port;
    NetconfOptions options;
    try {
      port = NetconfModelSettings.port(s.vars(), t.port());
      options = NetconfModelSettings.options(s.vars(), NetconfOptions.defaults()
          .withTimeouts(s.timeouts().connect(), s.timeouts().command()));
    } catch (IllegalArgumentException e) {
      throw new CollectException(FailureKind.MODEL, t.name() + ": " + e.getMessage());
    }
    SshLink link = port == t.port() ? s.ssh() : s.sshOn(port);
    try {
      return NetconfCollector.collect(link.client(), options);
    } catch (NetconfTimeoutException e) {
      throw new CollectException(FailureKind.TIMEOUT, t.name() + ": NETCONF on port " + port + ": " + e.getMessage(), e);
    } catch (NetconfRpcException | NetconfTooLargeException e) {
      throw new CollectException(FailureKind.COMMAND_FAILED, t.name() + ": NETCONF on port " + port + ": " + e.getMessage(), e);
    } catch (NetconfProtocolException e) {
      throw new CollectException(FailureKind.PROTOCOL, t.name() + ": NETCONF on port " + port + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CollectException(FailureKind.DISCONNECTED, t.name() + ": NETCONF on port " + port + ": " + e.getMessage(), e);
    }
  }
}
