package dev.patina.collector.netconf;

/**
 * One {@code <rpc-error>} from a reply (RFC 6241 section 4.3); absent fields are empty strings.
 *
 * @param type error-type: transport, rpc, protocol or application
 * @param tag error-tag, e.g. {@code invalid-value}, {@code access-denied}
 * @param severity error-severity: {@code error} or {@code warning}
 * @param appTag error-app-tag
 * @param path error-path
 * @param message error-message text
 */
public record RpcError(String type, String tag, String severity, String appTag, String path, String message) {
  /** True for {@code error} severity (anything but {@code warning}). */
  public boolean isError() {
    return !"warning".equals(severity);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("tag=").append(tag).append(" severity=").append(severity);
    if (!type.isEmpty()) s.append(" type=").append(type);
    if (!appTag.isEmpty()) s.append(" app-tag=").append(appTag);
    if (!path.isEmpty()) s.append(" path=").append(path);
    if (!message.isEmpty()) s.append(" message=\"").append(message).append('"');
    return s.toString();
  }
}
