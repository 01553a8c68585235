package dev.patina.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** A listen address, {@code HOST:PORT} or {@code [V6]:PORT}; an empty host means every interface. */
public record Listen(String host, int port) {
  public static Listen parse(String text) throws WebConfigException {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon < 0) throw bad(text);
    String host = t.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(text);
    }
    if (port < 0 || port > 65535) throw bad(text);
    return new Listen(host, port);
  }

  private static WebConfigException bad(String text) {
    return new WebConfigException("listen address must be HOST:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8443 or "
        + "[::1]:8080, not \"" + text + "\"");
  }

  public InetSocketAddress socketAddress() throws WebConfigException {
    try {
      return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new WebConfigException("cannot listen on \"" + host + "\": no such host or address");
    }
  }

  /** True only when every address this binds to is a loopback one. */
  public boolean loopbackOnly() throws WebConfigException {
    if (host.isEmpty()) return false;
    return socketAddress().getAddress().isLoopbackAddress();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host.isEmpty() ? "0.0.0.0" : host) + ":" + port;
  }
}
