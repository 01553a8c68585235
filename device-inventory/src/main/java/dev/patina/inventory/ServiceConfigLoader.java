package dev.patina.inventory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Loads {@code patina.yaml}; relative paths are relative to its folder, {@code ~} is home. */
public final class ServiceConfigLoader {
  private static final Set<String> TOP = Set.of("repository", "inventory", "concurrency", "timeouts", "schedule",
      "mail", "secrets", "models", "known-hosts", "outbox", "state-dir", "changes", "http", "cluster");
  private static final String DEFAULT_SCHEDULE = "0 0 * * * ?";

  private final java.util.function.Function<String, String> env;
  private final java.util.function.Supplier<String> hostName;

  public ServiceConfigLoader() {
    this(System::getenv);
  }

  public ServiceConfigLoader(java.util.function.Function<String, String> env) {
    this(env, ServiceConfigLoader::localHostName);
  }

  /** @param hostName the default of {@code cluster: node:} */
  public ServiceConfigLoader(java.util.function.Function<String, String> env,
      java.util.function.Supplier<String> hostName) {
    this.env = env;
    this.hostName = hostName;
  }

  private static String localHostName() {
    try {
      String name = java.net.InetAddress.getLocalHost().getHostName();
      int dot = name.indexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    } catch (java.net.UnknownHostException e) {
      String fromEnv = System.getenv("HOSTNAME");
      return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
    }
  }

  /** The settings used without a patina.yaml: everything below {@code baseDir}. */
  public static ServiceConfig defaults(Path baseDir) {
    Path base = baseDir.toAbsolutePath().normalize();
    Path state = base.resolve(".patina");
    return new ServiceConfig(null, base.resolve("patina-repo"), null, base.resolve("devices.yaml"), 64,
        Timeouts.defaults(), DEFAULT_SCHEDULE, null, defaultKeyFile(), null, state.resolve("known_hosts"),
        state.resolve("outbox"), state, null, HttpSettings.defaults(state), null);
  }

  private static Path defaultKeyFile() {
    return Path.of(System.getProperty("user.home"), ".config", "patina", "secret.key");
  }

  public ServiceConfig load(Path patinaYaml) throws ConfigException {
    List<Problem> problems = new ArrayList<>();
    MappingNode root = YamlFile.read(patinaYaml, patinaYaml, "service configuration", problems);
    if (root == null) throw new ConfigException(problems);
    Path dir = patinaYaml.toAbsolutePath().getParent();
    Fields.Context ctx = new Fields.Context(patinaYaml, dir, problems, env);
    Fields f = new Fields(ctx, root, "", TOP);
    ServiceConfig base = defaults(dir);

    Path repository = base.repository();
    String push = null;
    if (f.has("repository")) {
      if (f.node("repository") instanceof ScalarNode) {
        repository = path(f.string("repository"), dir, repository);
      } else {
        Fields r = f.mapping("repository", Set.of("path", "push"));
        if (r != null) {
          repository = path(r.string("path"), dir, repository);
          push = r.string("push");
        }
      }
    }
    Path inventory = path(f.string("inventory"), dir, base.inventory());
    Integer concurrency = f.integer("concurrency", 1, 10_000);
    Timeouts timeouts = Timeouts.defaults();
    Fields t = f.mapping("timeouts", Set.of("connect", "command", "device"));
    if (t != null) {
      timeouts = new Timeouts(or(t.duration("connect"), timeouts.connect()), or(t.duration("command"),
          timeouts.command()), or(t.duration("device"), timeouts.device()));
    }
    String schedule = f.string("schedule");
    if (schedule != null) Cron.check(schedule, f, "schedule");
    MailSettings mail = mail(f.mapping("mail", Set.of("smtp", "from", "to", "max-size", "alert-after")));
    Path keyFile = defaultKeyFile();
    Fields secrets = f.mapping("secrets", Set.of("key-file"));
    if (secrets != null) keyFile = path(secrets.string("key-file"), dir, keyFile);
    Path state = path(f.string("state-dir"), dir, base.stateDir());
    Path models = path(f.string("models"), dir, null);
    Path knownHosts = path(f.string("known-hosts"), dir, state.resolve("known_hosts"));
    Path outbox = path(f.string("outbox"), dir, state.resolve("outbox"));
    ChangeSettings changes = ChangeSettings.read(f);
    if (keyFile.startsWith(repository)) {
      f.problem("secrets", "the secret key must live outside the repository (" + repository + ")");
    }
    HttpSettings http = http(f.mapping("http", Set.of("listen", "tls", "users", "auth", "metrics-token")), dir,
        state);
    ClusterSettings cluster = cluster(f);
    if (!problems.isEmpty()) throw new ConfigException(Problem.scrub(problems, ctx.references()));
    return new ServiceConfig(patinaYaml.toAbsolutePath(), repository, push, inventory,
        concurrency == null ? 64 : concurrency, timeouts, schedule == null ? DEFAULT_SCHEDULE : schedule, mail,
        keyFile, models, knownHosts, outbox, state, changes, http, cluster);
  }

  private static HttpSettings http(Fields h, Path dir, Path state) {
    HttpSettings base = HttpSettings.defaults(state);
    if (h == null) return base;
    String listen = h.string("listen");
    if (listen != null && !listen.matches("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.:-]*):\\d{1,5}")) {
      h.problem("listen", "\"listen\" must be HOST:PORT, e.g. 127.0.0.1:8080, 0.0.0.0:8443 or [::1]:8080, not \""
          + listen + "\"");
    }
    Path cert = null;
    Path key = null;
    Fields tls = h.mapping("tls", Set.of("cert", "key"));
    if (tls != null) {
      cert = path(tls.string("cert"), dir, null);
      key = path(tls.string("key"), dir, null);
      if ((cert == null) != (key == null)) {
        tls.problem(0, "tls needs both \"cert\" and \"key\" (PEM files), e.g. tls: { cert: web.crt, key: web.key }");
      }
    }
    String auth = h.string("auth");
    if (auth != null) {
      auth = auth.trim().toLowerCase(Locale.ROOT);
      if (!auth.equals("users") && !auth.equals("none")) {
        h.problem("auth", "\"auth\" must be users (log in with the users file) or none (no login at all), not \""
            + auth + "\"");
      }
    }
    String token = h.string("metrics-token");
    return new HttpSettings(listen == null ? base.listen() : listen, cert, key,
        path(h.string("users"), dir, base.usersFile()), auth, token == null ? null : new Secret(token));
  }

  private ClusterSettings cluster(Fields f) {
    if (f.node("cluster") != null && !f.has("cluster")) {
      f.problem("cluster", "\"cluster\" is empty; give database: { url, user, password } or remove the key "
          + "to run a single node");
      return null;
    }
    Fields c = f.mapping("cluster", Set.of("database", "node", "zones", "check-in", "lease"));
    if (c == null) return null;
    Fields db = c.mapping("database", Set.of("url", "user", "password"));
    String url = db == null ? null : db.string("url");
    String user = db == null ? null : db.string("user");
    String password = db == null ? null : db.string("password");
    if (db == null) {
      c.problem(f.line("cluster"), "cluster needs database: { url: \"jdbc:postgresql://HOST:5432/patina\", "
          + "user: ..., password: \"${env:PATINA_DB_PASSWORD}\" }");
    } else {
      if (url == null) {
        db.problem(c.line("database"), "the database needs a \"url\" such as jdbc:postgresql://HOST:5432/patina");
      } else if (!url.startsWith("jdbc:postgresql://")) {
        db.problem("url", "\"url\" must start with jdbc:postgresql:// (cluster mode runs on PostgreSQL), not \""
            + url + "\"");
      }
      if (user == null) db.problem(c.line("database"), "the database needs a \"user\"");
    }
    String node = c.string("node");
    if (node == null) node = hostName.get();
    if (node != null && SafeNames.problem(node) != null) {
      c.problem(c.has("node") ? c.line("node") : f.line("cluster"), "the node name \"" + node
          + "\" may contain only letters, digits, '.', '_' and '-'" + (c.has("node") ? "" : " (it defaults to the host"
          + " name; set cluster: node: to a fitting name)"));
    }
    List<String> zones = c.strings("zones");
    if (zones == null) zones = List.of(Device.DEFAULT_ZONE);
    for (String z : zones) {
      if (SafeNames.problem(z) != null) {
        c.problem("zones", "a zone name may contain only letters, digits, '.', '_' and '-', not \"" + z + "\"");
      }
    }
    if (zones.isEmpty()) c.problem("zones", "\"zones\" is empty: a node must collect at least one zone");
    if (zones.size() != zones.stream().distinct().count()) c.problem("zones", "\"zones\" names a zone twice");
    java.time.Duration checkIn = c.duration("check-in", java.time.Duration.ofMillis(100));
    java.time.Duration lease = c.duration("lease", java.time.Duration.ofMillis(300));
    return new ClusterSettings(url, user, password == null ? null : new Secret(password), node, zones, checkIn, lease);
  }

  private static MailSettings mail(Fields m) {
    if (m == null) return null;
    Fields smtp = m.mapping("smtp", Set.of("host", "port", "tls", "user", "password"));
    String host = smtp == null ? null : smtp.string("host");
    if (host == null) {
      m.problem(m.line("smtp"), "mail needs smtp: { host: ..., port: ... }");
    } else if (host.isBlank() || host.strip().contains(" ")) {
      smtp.problem("host", "\"host\" must be the SMTP server's name or address, not \"" + host + "\"");
    }
    String tls = smtp == null ? null : smtp.string("tls");
    tls = tls == null ? "none" : tls.toLowerCase(Locale.ROOT);
    if (!Set.of("none", "starttls", "smtps").contains(tls)) {
      smtp.problem("tls", "\"tls\" must be none, starttls or smtps, not \"" + tls + "\"");
    }
    Integer port = smtp == null ? null : smtp.integer("port", 1, 65535);
    if (port == null) port = switch (tls) {
      case "smtps" -> 465;
      case "starttls" -> 587;
      default -> 25;
    };
    String user = smtp == null ? null : smtp.string("user");
    String password = smtp == null ? null : smtp.string("password");
    String from = m.string("from");
    if (from == null) {
      m.problem(0, "mail needs a \"from\" address");
    } else if (!MailAddresses.valid(from)) {
      m.problem("from", "\"from\" must be a mail address such as patina@example.net or \"Patina <patina@example.net>\","
          + " not \"" + from + "\"");
    }
    List<String> to = m.strings("to");
    if (to != null) {
      for (String address : to) {
        if (!MailAddresses.valid(address)) {
          m.problem("to", "\"to\" must list mail addresses ([netops@example.net, ...]), not \"" + address + "\"");
        }
      }
    }
    Long max = m.size("max-size");
    Integer alertAfter = m.integer("alert-after", 1, 1000);
    return new MailSettings(host, port, tls, user, password == null ? null : new Secret(password), from,
        to == null ? List.of() : to, max == null ? 1L << 20 : max, alertAfter == null ? 3 : alertAfter);
  }

  private static Path path(String value, Path dir, Path fallback) {
    return value == null ? fallback : References.path(value, dir);
  }

  private static Duration or(Duration d, Duration fallback) {
    return d == null ? fallback : d;
  }
}
