package dev.patina.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.patina.inventory.HttpSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The HTTP(S) server of {@code patina web} and {@code patina serve}: the JDK's server on
 * virtual threads, one handler that authenticates, checks the role and the CSRF token, sets
 * the security headers, then hands the request to its route.
 *
 * <p>Secure by default: listening on anything but loopback needs users (or {@code auth: none}
 * written in the config); sessions are HttpOnly, SameSite=Strict cookies (Secure under TLS);
 * every POST or PUT made with a session carries its CSRF token; requests a browser marks as
 * cross-site never change anything; logins are rate-limited.
 */
public final class WebServer implements AutoCloseable {
  static final String SESSION_COOKIE = "patina_session";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean tls;
  private final boolean authRequired;
  private final Users users;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final String metricsToken;
  private final Router router = new Router();
  private final Site site;

  private WebServer(HttpServer server, boolean tls, boolean authRequired, Users users, String metricsToken,
      Site site, Clock clock) {
    this.server = server;
    this.tls = tls;
    this.authRequired = authRequired;
    this.users = users;
    this.metricsToken = metricsToken;
    this.site = site;
    this.sessions = new Sessions(clock);
    this.limiter = new LoginLimiter(clock);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
  }

  /**
   * Starts serving {@code site} as {@code http} says. Refuses (with what to do) to listen beyond
   * loopback without users unless {@code auth: none} is set.
   */
  public static WebServer start(HttpSettings http, Site site) throws WebConfigException, IOException {
    Listen listen = Listen.parse(http.listen());
    Users users = Users.load(http.usersFile());
    boolean loopback = listen.loopbackOnly();
    boolean authRequired;
    if ("none".equals(http.auth())) {
      authRequired = false;
    } else if ("users".equals(http.auth()) || !loopback || users.any()) {
      authRequired = true;
      if (!users.any()) {
        throw new WebConfigException("listening on " + listen + " needs someone to log in"
            + (loopback ? "" : " (it is reachable beyond this machine)") + ", and the users file " + users.file()
            + " names nobody: add a user with `patina user add NAME --role admin`, or, to serve without any login, "
            + "set http: { auth: none } in patina.yaml");
      }
    } else {
      authRequired = false;
    }
    SSLContext ssl = http.tls() ? PemTls.context(http.tlsCert(), http.tlsKey()) : null;
    InetSocketAddress addr = listen.socketAddress();
    HttpServer server;
    try {
      if (ssl != null) {
        HttpsServer s = HttpsServer.create(addr, 128);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server = s;
      } else {
        server = HttpServer.create(addr, 128);
      }
    } catch (java.net.BindException e) {
      throw new WebConfigException("cannot listen on " + listen + ": " + e.getMessage()
          + " (is another server using the port? choose another with --listen HOST:PORT)");
    }
    WebServer w = new WebServer(server, ssl != null, authRequired, users,
        http.metricsToken() == null ? null : http.metricsToken().value(), site, Clock.systemUTC());
    w.routes();
    server.createContext("/", w::handle);
    server.setExecutor(w.executor);
    server.start();
    return w;
  }

  private void routes() {
    new LoginPages(this).register(router);
    new Pages(site).register(router);
    new Api(site).register(router);
    new OxidizedRoutes(site).register(router);
    site.metrics().register(router, site);
    router.add("GET", "/static/{file}", null, Assets::serve);
  }

  /** The base address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return URI.create((tls ? "https" : "http") + "://" + host + ":" + a.getPort() + "/");
  }

  public boolean authRequired() {
    return authRequired;
  }

  Users users() {
    return users;
  }

  Sessions sessions() {
    return sessions;
  }

  LoginLimiter limiter() {
    return limiter;
  }

  private void handle(HttpExchange ex) {
    Call c = new Call(ex, tls);
    try {
      headers(c);
      Router.Match m = router.find(c.method, c.path);
      if (m.route() == null) {
        if (m.pathKnown()) throw new Call.HttpError(405, c.method + " is not allowed on " + c.path);
        throw new Call.HttpError(404, "nothing here: " + c.path);
      }
      c.pathParams = m.params();
      authenticate(c, m.route());
      m.route().handler().handle(c);
      if (!c.answered()) throw new Call.HttpError(500, "no answer was made");
    } catch (Call.HttpError e) {
      error(c, e.status, e.getMessage());
    } catch (Exception e) {
      System.err.println("patina web: " + c.method + " " + c.path + ": " + e);
      error(c, 500, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      ex.close();
    }
  }

  private static void headers(Call c) {
    var h = c.ex.getResponseHeaders();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cache-Control", "no-store");
    if (c.secure) h.set("Strict-Transport-Security", "max-age=31536000");
  }

  /** Who asks, whether they may, and (for a change made with a session) the CSRF token. */
  private void authenticate(Call c, Router.Route route) {
    Principal p = credentials(c);
    boolean changes = !c.method.equals("GET") && !c.method.equals("HEAD");
    if (route.role() == null) { // open routes: login, static files, health
      c.principal = p;
      if (changes) checkCsrf(c);
      return;
    }
    if (p == null) {
      if (c.wantsJson() || c.header("Authorization") != null || c.path.equals("/metrics")
          || c.path.startsWith("/node")) {
        c.ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"patina\"");
        throw new Call.HttpError(401, "log in first: send Authorization: Bearer TOKEN (make one with `patina user "
            + "token NAME --role viewer`)");
      }
 throw new Call.HttpError(303, "see /login?next=" + Html.enc(c.path + (c.ex.getRequestURI().getRawQuery() == null ? ""
          : "?" + c.ex.getRequestURI().getRawQuery())));
    }
    c.principal = p;
    Role needed = route.role();
    if (p.kind() == Principal.Kind.METRICS) {
      if (!c.path.equals("/metrics")) throw new Call.HttpError(403, "the metrics token is only for /metrics");
    } else if (!p.role().allows(needed)) {
      throw new Call.HttpError(403, p.name() + " is a " + p.role().label() + "; this needs the "
          + needed.label() + " role");
    }
    if (changes) checkCsrf(c);
  }

  /**
   * A change made by a browser: refused when the browser says it comes from another site, and
   * when made with a session (the cookie is sent by the browser on its own) without the
   * session's CSRF token. Bearer tokens are not sent by browsers on their own, so need none.
   */
  static void refuseCrossSite(Call c) {
    String site = c.header("Sec-Fetch-Site");
    if (site != null && site.equals("cross-site")) {
      throw new Call.HttpError(403, "refused: a request from another web site may not change anything here");
    }
  }

  private void checkCsrf(Call c) {
    refuseCrossSite(c);
    if (c.principal != null && (c.principal.kind() == Principal.Kind.TOKEN
        || c.principal.kind() == Principal.Kind.BASIC)) {
      return;
    }
    if (c.method.equals("GET") || c.method.equals("HEAD")) return;
    String expected = c.path.equals("/login") ? loginCsrf(c) : c.session == null ? null : c.session.csrf;
    String given = c.header("X-CSRF-Token");
    if (given == null) given = c.param("csrf");
    if (expected == null || given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8))) {
      throw new Call.HttpError(403, "refused: the form's CSRF token is missing or stale; reload the page and try "
          + "again");
    }
  }

  /** Before login the CSRF token is the pre-login cookie (double submit). */
  private static String loginCsrf(Call c) {
    return c.cookie(LoginPages.LOGIN_COOKIE);
  }

  private Principal credentials(Call c) {
    String auth = c.header("Authorization");
    if (auth != null) {
      if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        String token = auth.substring(7).trim();
        if (metricsToken != null && c.path.equals("/metrics") && MessageDigest.isEqual(
            metricsToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
          return new Principal("metrics", Role.VIEWER, Principal.Kind.METRICS);
        }
        Optional<Principal> p = users.token(token);
        if (p.isEmpty()) throw unauthorized("that API token is not known (revoked, or mistyped)");
        return p.get();
      }
      if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
        String[] up = decodeBasic(auth.substring(6).trim());
        if (limiter.retryAfter(c.remote(), up[0]) > 0) throw new Call.HttpError(429, "too many failed logins; wait");
        Optional<Principal> p = users.login(up[0], up[1].toCharArray());
        if (p.isEmpty()) {
          limiter.failed(c.remote(), up[0]);
          throw unauthorized("wrong user name or password");
        }
        return new Principal(p.get().name(), p.get().role(), Principal.Kind.BASIC);
      }
      throw unauthorized("Authorization must be Bearer TOKEN or Basic");
    }
    Sessions.Session s = sessions.find(c.cookie(SESSION_COOKIE));
    if (s != null) {
      c.session = s;
      return s.principal;
    }
    if (!authRequired) {
      Sessions.Session anon = sessions.create(new Principal("anonymous", Role.ADMIN, Principal.Kind.ANONYMOUS));
      c.session = anon;
      c.setCookie(SESSION_COOKIE, anon.id, -1);
      return anon.principal;
    }
    return null;
  }

  private static String[] decodeBasic(String b64) {
    try {
      String s = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon < 0) throw new IllegalArgumentException();
      return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      throw unauthorized("Basic credentials are not base64 of NAME:PASSWORD");
    }
  }

  private static Call.HttpError unauthorized(String why) {
    return new Call.HttpError(401, why);
  }

  private void error(Call c, int status, String message) {
    try {
      if (status == 303 && message.startsWith("see ")) {
        c.redirect(message.substring(4));
        return;
      }
      if (status == 401 && c.ex.getResponseHeaders().getFirst("WWW-Authenticate") == null) {
        c.ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"patina\"");
      }
      if (c.wantsJson() || c.path.equals("/metrics") || c.path.startsWith("/node")) {
        c.json(status, java.util.Map.of("error", message, "status", status));
      } else {
        c.html(status, Layout.errorPage(c, status, message));
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
