package dev.patina.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users file: people with a password hash and a role, and API tokens stored as hashes.
 * One entry a line, written by {@code patina user add} and {@code patina user token}:
 * <pre>
 * user  alice     admin     pbkdf2-sha256:600000:SALT:HASH
 * token librenms  operator  sha256:HEX
 * </pre>
 * Re-read when the file changes, so a user added while the server runs can log in. A broken
 * line is an error naming {@code file:line}; the server refuses to start on one.
 */
public final class Users {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** One line of the file. */
  public record Entry(String kind, String name, Role role, String hash) {}

  private final Path file;
  private volatile Map<String, Entry> users = Map.of();
  private volatile Map<String, Entry> tokens = Map.of();
  private volatile FileTime loadedAt;

  private Users(Path file) {
    this.file = file;
  }

  /** Reads {@code file}; a missing file is an empty list of users. */
  public static Users load(Path file) throws WebConfigException {
    Users u = new Users(file);
    u.reload();
    return u;
  }

  public Path file() {
    return file;
  }

  /** Whether the file exists and names at least one user or token. */
  public boolean any() {
    refresh();
    return !users.isEmpty() || !tokens.isEmpty();
  }

  private synchronized void reload() throws WebConfigException {
    Map<String, Entry> u = new LinkedHashMap<>();
    Map<String, Entry> t = new LinkedHashMap<>();
    List<String> lines;
    FileTime mtime;
    try {
      mtime = Files.getLastModifiedTime(file);
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      users = u;
      tokens = t;
      loadedAt = null;
      return;
    } catch (IOException e) {
      throw new WebConfigException("cannot read the users file " + file + ": " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\\s+");
      String where = file + ":" + (i + 1) + ": ";
      if (f.length != 4 || !(f[0].equals("user") || f[0].equals("token"))) {
        problems.add(where + "expected \"user NAME ROLE HASH\" or \"token NAME ROLE HASH\"; "
            + "write it with `patina user add NAME --role viewer|operator|admin`");
        continue;
      }
      Role role = Role.parse(f[2]);
      if (role == null) {
        problems.add(where + "role must be viewer, operator or admin, not \"" + f[2] + "\"");
        continue;
      }
      if (!NAME.matcher(f[1]).matches()) {
        problems.add(where + "name \"" + f[1] + "\" may contain only letters, digits, '.', '_', '@' and '-'");
        continue;
      }
      if (f[0].equals("user")) {
        if (!PasswordHash.wellFormed(f[3])) {
          problems.add(where + "the password hash of \"" + f[1] + "\" is not a pbkdf2-sha256 hash; set it again "
              + "with `patina user add " + f[1] + " --role " + role.label() + "`");
          continue;
        }
        u.put(f[1], new Entry("user", f[1], role, f[3]));
      } else {
        if (!f[3].matches("sha256:[0-9a-f]{64}")) {
          problems.add(where + "the token hash of \"" + f[1] + "\" is not sha256:HEX; make a new token with "
              + "`patina user token " + f[1] + " --role " + role.label() + "`");
          continue;
        }
        t.put(f[3], new Entry("token", f[1], role, f[3]));
      }
    }
    if (!problems.isEmpty()) throw new WebConfigException(String.join("\n", problems));
    users = u;
    tokens = t;
    loadedAt = mtime;
  }

  /** Re-reads the file when it changed; a broken edit keeps the users loaded before. */
  private void refresh() {
    try {
      FileTime now = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      if (!java.util.Objects.equals(now, loadedAt)) reload();
    } catch (IOException | WebConfigException e) {
      System.err.println("patina web: users file not re-read, keeping the users loaded before: " + e.getMessage());
    }
  }

  /** The user when {@code password} is right. Slow on purpose (PBKDF2), right or wrong. */
  public Optional<Principal> login(String name, char[] password) {
    refresh();
    Entry e = users.get(name);
    if (e == null) {
      PasswordHash.verify(password, DUMMY); // as slow for an unknown name as for a wrong password
      return Optional.empty();
    }
    return PasswordHash.verify(password, e.hash()) ? Optional.of(new Principal(name, e.role(), Principal.Kind.SESSION))
        : Optional.empty();
  }

  private static final String DUMMY = PasswordHash.hash("not a password".toCharArray());

  /** The token's owner, or empty. */
  public Optional<Principal> token(String token) {
    refresh();
    Entry e = tokens.get(PasswordHash.tokenHash(token));
    return e == null ? Optional.empty() : Optional.of(new Principal(e.name(), e.role(), Principal.Kind.TOKEN));
  }

  /** Adds or replaces user {@code name}. */
  public synchronized void addUser(String name, Role role, char[] password) throws WebConfigException {
    checkName(name);
    rewrite("user", name, role, PasswordHash.hash(password));
  }

  /** Adds a token named {@code name} (an existing one of that name is replaced) and returns its text. */
  public synchronized String addToken(String name, Role role) throws WebConfigException {
    checkName(name);
    String token = PasswordHash.newToken();
    rewrite("token", name, role, PasswordHash.tokenHash(token));
    return token;
  }

  /** Removes a user or token of that name; false when there was none. */
  public synchronized boolean remove(String name) throws WebConfigException {
    reload();
    boolean had = users.containsKey(name) || tokens.values().stream().anyMatch(t -> t.name().equals(name));
    if (had) rewrite(null, name, null, null);
    return had;
  }

  public List<Entry> entries() {
    refresh();
    List<Entry> all = new ArrayList<>(users.values());
    all.addAll(tokens.values());
    return all;
  }

  private static void checkName(String name) throws WebConfigException {
    if (!NAME.matcher(name).matches()) {
      throw new WebConfigException("name \"" + name + "\" may contain only letters, digits, '.', '_', '@' and '-' "
          + "(at most 64)");
    }
  }

  /** Writes the file again with {@code name}'s entry of {@code kind} replaced (kind null: removed). */
  private void rewrite(String kind, String name, Role role, String hash) throws WebConfigException {
    reload();
    StringBuilder b = new StringBuilder("# patina users: NAME ROLE HASH, one a line. Edit with `patina user`.\n");
    for (Entry e : users.values()) {
      if (e.name().equals(name) && (kind == null || kind.equals("user"))) continue;
      b.append(line(e));
    }
    for (Entry e : tokens.values()) {
      if (e.name().equals(name) && (kind == null || kind.equals("token"))) continue;
      b.append(line(e));
    }
    if (kind != null) b.append(line(new Entry(kind, name, role, hash)));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".users", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WebConfigException("cannot write the users file " + file + ": " + e.getMessage());
    }
    reload();
  }

  private static String line(Entry e) {
    return String.format("%-5s %-16s %-8s %s%n", e.kind(), e.name(), e.role().label(), e.hash());
  }
}
