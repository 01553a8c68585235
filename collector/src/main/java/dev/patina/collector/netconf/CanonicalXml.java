package dev.patina.collector.netconf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes an XML element as canonical, line-diffable text: one element per line, two spaces of
 * indentation per level, leaf text inline and trimmed, namespace declarations first (default,
 * then by prefix), attributes sorted by qualified name, volatile attributes dropped. A prefix
 * used by the subtree but declared on an ancestor outside it (such as {@code junos:} on the
 * rpc-reply) is declared where it is first used; a declaration repeating one already in scope
 * is left out. Comments are kept; whitespace between elements is not.
 */
final class CanonicalXml {
  private final VolatileAttributes volatiles;
  private final StringBuilder out = new StringBuilder();

  private CanonicalXml(VolatileAttributes volatiles) {
    this.volatiles = volatiles;
  }

  /** The canonical text of {@code root} and everything below it, ending in a newline. */
  public static String format(Element root, VolatileAttributes volatiles) {
    CanonicalXml c = new CanonicalXml(volatiles);
    Map<String, String> scope = new HashMap<>();
    scope.put("", "");
    c.element(root, 0, scope);
    return c.out.toString();
  }

  private void element(Element e, int depth, Map<String, String> inherited) {
    Map<String, String> scope = new HashMap<>(inherited);
    TreeMap<String, String> declarations = new TreeMap<>();
    TreeMap<String, String> attributes = new TreeMap<>();
    NamedNodeMap attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        String prefix = XMLConstants.XMLNS_ATTRIBUTE.equals(a.getName()) ? "" : a.getLocalName();
        declare(declarations, scope, prefix, a.getValue());
      }
    }
    declare(declarations, scope, nz(e.getPrefix()), nz(e.getNamespaceURI()));
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI()) || volatiles.matches(a)) continue;
      String prefix = nz(a.getPrefix());
      if (!prefix.isEmpty()) declare(declarations, scope, prefix, nz(a.getNamespaceURI()));
      attributes.put(a.getName(), a.getValue());
    }

    indent(depth);
    String name = e.getTagName();
    out.append('<').append(name);
    declarations.forEach((prefix, uri) -> {
      out.append(' ').append(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix).append("=\"");
      escape(uri, true);
      out.append('"');
    });
    attributes.forEach((n, v) -> {
      out.append(' ').append(n).append("=\"");
      escape(v, true);
      out.append('"');
    });

    List<Node> children = significantChildren(e);
    boolean onlyText = children.stream().allMatch(CanonicalXml::isText);
    if (children.isEmpty()) {
      out.append("/>\n");
    } else if (onlyText) {
      StringBuilder text = new StringBuilder();
      for (Node n : children) text.append(n.getNodeValue());
      String trimmed = text.toString().strip();
      if (trimmed.isEmpty()) {
        out.append("/>\n");
        return;
      }
      out.append('>');
      escape(trimmed, false);
      out.append("</").append(name).append(">\n");
    } else {
      out.append(">\n");
      for (Node n : children) {
        if (n instanceof Element child) {
          element(child, depth + 1, scope);
        } else if (n.getNodeType() == Node.COMMENT_NODE) {
          indent(depth + 1);
          out.append("<!-- ").append(n.getNodeValue().strip().replace("--", "- -")).append(" -->\n");
        } else {
          indent(depth + 1);
          escape(n.getNodeValue().strip(), false);
          out.append('\n');
        }
      }
      indent(depth);
      out.append("</").append(name).append(">\n");
    }
  }

  /** Adds a declaration unless the output already has that prefix bound to that namespace. */
  private static void declare(Map<String, String> declarations, Map<String, String> scope, String prefix, String uri) {
    if (uri.equals(scope.get(prefix)) || (prefix.equals("xml"))) return;
    if (!prefix.isEmpty() && uri.isEmpty()) return; // prefixes cannot be undeclared in XML 1.0
    declarations.put(prefix, uri);
    scope.put(prefix, uri);
  }

  private static List<Node> significantChildren(Element e) {
    List<Node> result = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      switch (n.getNodeType()) {
        case Node.ELEMENT_NODE, Node.COMMENT_NODE -> result.add(n);
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> result.add(n);
        default -> { } // processing instructions carry no configuration
      }
    }
    boolean hasElements = result.stream().anyMatch(n -> !isText(n));
    if (hasElements) result.removeIf(n -> isText(n) && n.getNodeValue().isBlank());
    return result;
  }

  private static boolean isText(Node n) {
    return n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE;
  }

  private void indent(int depth) {
    out.append("  ".repeat(depth));
  }

  private void escape(String s, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#13;");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> out.append(c);
      }
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
