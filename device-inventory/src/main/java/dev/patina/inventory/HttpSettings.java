package dev.patina.inventory;

import java.nio.file.Path;

/**
 * The {@code http:} section of {@code patina.yaml}: where {@code patina web} and {@code patina serve}
 * listen, the TLS certificate and key (PEM; both or neither), the users file, and the
 * authentication mode: {@code users} (log in), {@code none} (no login, only when said in so many
 * words), or null (decided by the listen address: loopback without a users file serves without
 * login; anything else needs users). {@code metricsToken} (may be null) lets a Prometheus server
 * scrape {@code /metrics} with a bearer token of its own.
 */
public record HttpSettings(String listen, Path tlsCert, Path tlsKey, Path usersFile, String auth,
    Secret metricsToken) {
  public static final String DEFAULT_LISTEN = "127.0.0.1:8080";

  /** No {@code http:} section: loopback on 8080, users file in the state folder. */
  public static HttpSettings defaults(Path stateDir) {
    return new HttpSettings(DEFAULT_LISTEN, null, null, stateDir.resolve("users"), null, null);
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** The same settings listening elsewhere (for {@code --listen}). */
  public HttpSettings listeningOn(String address) {
    return new HttpSettings(address, tlsCert, tlsKey, usersFile, auth, metricsToken);
  }
}
