package dev.patina.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * An HTML writer that escapes every value by construction: tag and attribute names must be
 * plain lower-case words (checked), attribute values and text are always escaped, and there is
 * no way to add raw markup. A device named {@code <script>} or a config line holding markup
 * prints as text.
 */
public final class Html {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final java.util.Set<String> VOID = java.util.Set.of("meta", "link", "input", "br", "img", "hr");
  private final StringBuilder out = new StringBuilder(8192);
  private final Deque<String> open = new ArrayDeque<>();

  /** Starts a document: doctype, {@code <html lang="en">}. */
  public static Html document() {
    Html h = new Html();
    h.out.append("<!DOCTYPE html>\n");
    h.open("html", "lang", "en");
    return h;
  }

  /** Opens {@code tag}; {@code attrs} are name, value pairs (a null value leaves the attribute out). */
  public Html open(String tag, String... attrs) {
    start(tag, attrs);
    if (!VOID.contains(tag)) open.push(tag);
    return this;
  }

  /** A void element such as {@code <input>} or {@code <meta>}. */
  public Html empty(String tag, String... attrs) {
    if (!VOID.contains(tag)) throw new IllegalArgumentException(tag + " is not a void element");
    start(tag, attrs);
    return this;
  }

  /** {@code <tag attrs>text</tag>}. */
  public Html el(String tag, String text, String... attrs) {
    open(tag, attrs);
    text(text);
    return close();
  }

  /** Closes the innermost open element. */
  public Html close() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Escaped text; null prints nothing. */
  public Html text(String s) {
    if (s != null) escape(s, out);
    return this;
  }

  /** Newline in the source (readability of the page source only). */
  public Html nl() {
    out.append('\n');
    return this;
  }

  private void start(String tag, String[] attrs) {
    check(tag);
    if (attrs.length % 2 != 0) throw new IllegalArgumentException("attributes come in name, value pairs");
    out.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      if (attrs[i + 1] == null) continue;
      check(attrs[i]);
      if (attrs[i].startsWith("on")) throw new IllegalArgumentException("no event handler attributes: " + attrs[i]);
      if ((attrs[i].equals("href") || attrs[i].equals("src") || attrs[i].equals("action")) && !safeUrl(attrs[i + 1])) {
        throw new IllegalArgumentException("only relative or http(s) URLs: " + attrs[i + 1]);
      }
      out.append(' ').append(attrs[i]).append("=\"");
      escape(attrs[i + 1], out);
      out.append('"');
    }
    out.append('>');
  }

  private static boolean safeUrl(String u) {
    return u.startsWith("/") && !u.startsWith("//") || u.startsWith("?") || u.startsWith("#")
        || u.startsWith("https://") || u.startsWith("http://");
  }

  private static void check(String name) {
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a plain HTML name: " + name);
  }

  /** Closes whatever is still open and returns the markup. */
  @Override
  public String toString() {
    while (!open.isEmpty()) close();
    return out.toString();
  }

  /** Escapes the five characters that matter in text and in double- or single-quoted attributes. */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    escape(s, b);
    return b.toString();
  }

  private static void escape(String s, StringBuilder b) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('\uFFFD'); // control characters: visible, inert
          else b.append(c);
        }
      }
    }
  }

  /** A path segment or query value, percent-encoded. */
  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code path?k=v&...} with every key and value encoded; null values are left out. */
  public static String url(String path, String... query) {
    StringBuilder b = new StringBuilder(path);
    char sep = '?';
    for (int i = 0; i < query.length; i += 2) {
      if (query[i + 1] == null) continue;
      b.append(sep).append(enc(query[i])).append('=').append(enc(query[i + 1]));
      sep = '&';
    }
    return b.toString();
  }
}
