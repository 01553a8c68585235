package dev.patina.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Routes by method and path pattern ({@code /devices/{name}}); each route names the least role it needs. */
final class Router {
  /** Answers one request. */
  interface Handler {
    void handle(Call c) throws Exception;
  }

  /** {@code role} null: open to anyone (login page, static files, health). */
  record Route(String method, Pattern pattern, List<String> names, Role role, Handler handler) {}

  /** A route found for a request, or why none was. */
  record Match(Route route, Map<String, String> params, boolean pathKnown) {}

  private static final Pattern PARAM = Pattern.compile("\\{([a-z]+)(\\*?)}");
  private final List<Route> routes = new ArrayList<>();

  void add(String method, String pattern, Role role, Handler h) {
    List<String> names = new ArrayList<>();
    StringBuilder re = new StringBuilder();
    Matcher m = PARAM.matcher(pattern);
    int at = 0;
    while (m.find()) {
      re.append(Pattern.quote(pattern.substring(at, m.start())));
      names.add(m.group(1));
      re.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
      at = m.end();
    }
    re.append(Pattern.quote(pattern.substring(at)));
    routes.add(new Route(method, Pattern.compile(re.toString()), names, role, h));
  }

  /** A route given as a regular expression with named groups. */
  void addRegex(String method, String regex, List<String> names, Role role, Handler h) {
    routes.add(new Route(method, Pattern.compile(regex), names, role, h));
  }

  Match find(String method, String path) {
    boolean known = false;
    String m = method.equals("HEAD") ? "GET" : method;
    for (Route r : routes) {
      Matcher x = r.pattern().matcher(path);
      if (!x.matches()) continue;
      known = true;
      if (!r.method().equals(m)) continue;
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < r.names().size(); i++) params.put(r.names().get(i), x.group(i + 1));
      return new Match(r, params, true);
    }
    return new Match(null, Map.of(), known);
  }
}
