package dev.patina.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The style sheet and the few lines of script, served from the jar (no CDN: these networks are often offline). */
final class Assets {
  private static final Map<String, String> TYPES = Map.of("patina.css", "text/css; charset=utf-8",
      "patina.js", "text/javascript; charset=utf-8");

  private Assets() {}

  static void serve(Call c) throws IOException {
    String file = c.pathParams.get("file");
    String type = TYPES.get(file);
    if (type == null) throw new Call.HttpError(404, "no such file: " + file);
    try (InputStream in = Assets.class.getResourceAsStream(file)) {
      if (in == null) throw new Call.HttpError(404, "no such file: " + file);
      c.ex.getResponseHeaders().set("Cache-Control", "max-age=3600");
      c.send(200, type, in.readAllBytes());
    }
  }
}
