package dev.patina.collector.netconf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Who to log in as: a private key (tried first) and/or a password. Never printed with the password.
 * The NETCONF client's own parameter, kept apart from the inventory's {@code Device} so that
 * this package stays a plain NETCONF-over-SSH client usable without an inventory (its tests
 * talk to netconfd with it).
 *
 * @param username SSH user
 * @param password nullable (plain text: the inventory's {@code Secret#value()})
 * @param privateKey nullable; an OpenSSH/PEM key file without passphrase
 */
public record NetconfLogin(String username, String password, Path privateKey) {
  public NetconfLogin {
    Objects.requireNonNull(username, "username");
    if (password == null && privateKey == null) {
      throw new IllegalArgumentException("NETCONF login for " + username + " needs a password or a private key");
    }
  }

  @Override
  public String toString() {
    return "NetconfLogin[username=" + username + ", password=" + (password == null ? "none" : "******")
        + ", privateKey=" + privateKey + "]";
  }

  public static NetconfLogin password(String username, String password) {
    return new NetconfLogin(username, Objects.requireNonNull(password, "password"), null);
  }

  public static NetconfLogin key(String username, Path privateKey) {
    return new NetconfLogin(username, null, Objects.requireNonNull(privateKey, "privateKey"));
  }
}
