package dev.patina.collector.netconf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One NETCONF session over a byte stream pair: hello and capability exchange, framing chosen
 * from the capabilities, one RPC at a time with message-id matching, rpc-errors as
 * {@link NetconfRpcException}, a deadline and a size limit on every reply.
 */
public final class NetconfSession implements AutoCloseable {
  public static final String BASE_NS = "urn:ietf:params:xml:ns:netconf:base:1.0";
  public static final String BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
  public static final String BASE_1_1 = "urn:ietf:params:netconf:base:1.1";
  private static final String NOTIFICATION_NS = "urn:ietf:params:xml:ns:netconf:notification:1.0";

  private final TimedInput in;
  private final OutputStream out;
  private final Closeable transport;
  private final String peer;
  private final NetconfOptions options;
  private final List<String> serverCapabilities;
  private final String sessionId;
  private final Framing framing;
  private final Framing.MessageReader reader;
  private long nextMessageId = 1;
  private boolean broken;
  private boolean closed;

  private NetconfSession(TimedInput in, OutputStream out, Closeable transport, String peer, NetconfOptions options,
      List<String> serverCapabilities, String sessionId, Framing framing) {
    this.in = in;
    this.out = out;
    this.transport = transport;
    this.peer = peer;
    this.options = options;
    this.serverCapabilities = List.copyOf(serverCapabilities);
    this.sessionId = sessionId;
    this.framing = framing;
    this.reader = framing.reader(in, options.maxReplyBytes(), peer);
  }

  /**
   * Exchanges hellos over an open {@code netconf} subsystem. {@code transport} is closed with
   * the session (and at once if the hello fails); {@code peer} names the server in messages.
   */
  public static NetconfSession open(InputStream input, OutputStream out, Closeable transport, String peer,
      NetconfOptions options) throws IOException {
    TimedInput in = new TimedInput(input, peer);
    try {
      String hello = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hello xmlns=\"" + BASE_NS + "\"><capabilities>"
          + "<capability>" + BASE_1_0 + "</capability>"
          + (options.offerBase11() ? "<capability>" + BASE_1_1 + "</capability>" : "")
          + "</capabilities></hello>";
      Framing.END_OF_MESSAGE.write(out, hello.getBytes(StandardCharsets.UTF_8));
      Deadline deadline = Deadline.in(options.reply(), "<hello> (the server's capabilities)");
      byte[] bytes = Framing.END_OF_MESSAGE.reader(in, options.maxReplyBytes(), peer).next(deadline);
      if (bytes == null) {
        throw new NetconfProtocolException(peer + " closed the netconf subsystem without sending a <hello>;"
            + " is NETCONF enabled for this user (e.g. Junos: set system services netconf ssh)?");
      }
      Element root = SafeXml.parse(bytes, "the hello from " + peer).getDocumentElement();
      if (!"hello".equals(root.getLocalName()) || !BASE_NS.equals(root.getNamespaceURI())) {
        throw new NetconfProtocolException("the first message from " + peer + " is <" + root.getTagName()
            + "> in namespace " + root.getNamespaceURI() + ", not a NETCONF <hello>");
      }
      List<String> caps = new ArrayList<>();
      String sessionId = "";
      for (Element e : children(root)) {
        if ("capabilities".equals(e.getLocalName())) {
          for (Element c : children(e)) if ("capability".equals(c.getLocalName())) caps.add(c.getTextContent().strip());
        } else if ("session-id".equals(e.getLocalName())) {
          sessionId = e.getTextContent().strip();
        }
      }
      Framing framing;
      if (options.offerBase11() && caps.contains(BASE_1_1)) {
        framing = Framing.CHUNKED;
      } else if (caps.contains(BASE_1_0)) {
        framing = Framing.END_OF_MESSAGE;
      } else {
        throw new NetconfProtocolException(peer + " advertises neither " + BASE_1_0
            + (options.offerBase11() ? " nor " + BASE_1_1 : " (and base:1.1 was not offered)")
            + "; capabilities: " + caps);
      }
      return new NetconfSession(in, out, transport, peer, options, caps, sessionId, framing);
    } catch (IOException | RuntimeException e) {
      in.close();
      closeQuietly(transport);
      throw e;
    }
  }

  /** The capabilities from the server's hello, in its order. */
  public List<String> serverCapabilities() {
    return serverCapabilities;
  }

  /** The session-id from the server's hello ("" if it sent none). */
  public String sessionId() {
    return sessionId;
  }

  /** The framing in use after the hello. */
  public Framing framing() {
    return framing;
  }

  /**
   * Sends one operation (e.g. {@code <get-config>...</get-config>}, in the base namespace unless
   * it declares its own) and returns the matching {@code <rpc-reply>} element.
   *
   * @throws NetconfRpcException when the reply holds an rpc-error of severity error
   */
  public Element rpc(String operationXml) throws IOException {
    if (closed || broken) throw new IllegalStateException("NETCONF session to " + peer + " is closed");
    String id = Long.toString(nextMessageId++);
    String operation = operationName(operationXml);
    String rpc = "<rpc xmlns=\"" + BASE_NS + "\" message-id=\"" + id + "\">" + operationXml + "</rpc>";
    try {
      framing.write(out, rpc.getBytes(StandardCharsets.UTF_8));
      Deadline deadline = Deadline.in(options.reply(), "reply to <" + operation + "> (message-id " + id + ")");
      for (;;) {
        byte[] bytes = reader.next(deadline);
        if (bytes == null) {
          throw new NetconfProtocolException(peer + " closed the session instead of answering <" + operation
              + "> (message-id " + id + ")");
        }
        Document doc = SafeXml.parse(bytes, "the reply to <" + operation + "> from " + peer);
        Element root = doc.getDocumentElement();
        if ("notification".equals(root.getLocalName()) && NOTIFICATION_NS.equals(root.getNamespaceURI())) continue;
        if (!"rpc-reply".equals(root.getLocalName()) || !BASE_NS.equals(root.getNamespaceURI())) {
          throw new NetconfProtocolException(peer + " answered <" + operation + "> with <" + root.getTagName()
              + "> instead of <rpc-reply>");
        }
        String replyId = root.getAttribute("message-id");
        if (!replyId.isEmpty() && !replyId.equals(id)) {
          throw new NetconfProtocolException(peer + " sent an rpc-reply with message-id " + replyId
              + " while waiting for message-id " + id + " (<" + operation + ">)");
        }
        List<RpcError> errors = rpcErrors(root);
        if (errors.stream().anyMatch(RpcError::isError)) {
          StringBuilder m = new StringBuilder(peer + " refused <" + operation + "> (message-id " + id + "):");
          for (RpcError e : errors) m.append(" [").append(e).append(']');
          throw new NetconfRpcException(m.toString(), errors);
        }
        if (replyId.isEmpty()) {
          throw new NetconfProtocolException(peer + " sent an rpc-reply without message-id to <" + operation + ">");
        }
        return root;
      }
    } catch (NetconfRpcException e) {
      throw e; // the session is still in step
    } catch (IOException | RuntimeException e) {
      broken = true;
      throw e;
    }
  }

  /** {@code <get-config>} of {@code running}, optionally with a subtree filter; returns the {@code <data>} element. */
  public Element getConfig(String subtreeFilter) throws IOException {
    StringBuilder op = new StringBuilder("<get-config><source><running/></source>");
    if (subtreeFilter != null && !subtreeFilter.isBlank()) {
      // refuse a broken model filter here, with a clear message, rather than at the device
      SafeXml.parse(("<filter xmlns=\"" + BASE_NS + "\">" + subtreeFilter + "</filter>").getBytes(StandardCharsets.UTF_8),
          "the subtree filter");
      op.append("<filter type=\"subtree\">").append(subtreeFilter).append("</filter>");
    }
    op.append("</get-config>");
    Element reply = rpc(op.toString());
    for (Element e : children(reply)) {
      if ("data".equals(e.getLocalName()) && BASE_NS.equals(e.getNamespaceURI())) return e;
    }
    throw new NetconfProtocolException("the reply to <get-config> from " + peer + " has no <data> element");
  }

  /** Sends {@code <close-session>} (briefly waiting for its ok) and closes the transport. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    try {
      if (!broken) {
        String id = Long.toString(nextMessageId++);
        framing.write(out, ("<rpc xmlns=\"" + BASE_NS + "\" message-id=\"" + id + "\"><close-session/></rpc>")
            .getBytes(StandardCharsets.UTF_8));
        Duration wait = options.reply().compareTo(Duration.ofSeconds(5)) < 0 ? options.reply() : Duration.ofSeconds(5);
        reader.next(Deadline.in(wait, "reply to <close-session>"));
      }
    } catch (IOException | RuntimeException ignored) {
      // the configuration is already in hand; a server that drops the session early is fine
    } finally {
      in.close();
      closeQuietly(transport);
    }
  }

  static List<RpcError> rpcErrors(Element reply) {
    List<RpcError> errors = new ArrayList<>();
    for (Element e : children(reply)) {
      if (!"rpc-error".equals(e.getLocalName())) continue;
      errors.add(new RpcError(text(e, "error-type"), text(e, "error-tag"), text(e, "error-severity"),
          text(e, "error-app-tag"), text(e, "error-path"), text(e, "error-message")));
    }
    return errors;
  }

  private static String text(Element parent, String localName) {
    for (Element e : children(parent)) if (localName.equals(e.getLocalName())) return e.getTextContent().strip();
    return "";
  }

  static List<Element> children(Element parent) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) result.add(e);
    }
    return result;
  }

  private static String operationName(String xml) {
    int lt = xml.indexOf('<');
    int end = lt;
    while (end >= 0 && end + 1 < xml.length() && " />\t\r\n".indexOf(xml.charAt(end + 1)) < 0) end++;
    return lt < 0 ? "rpc" : xml.substring(lt + 1, end + 1);
  }

  private static void closeQuietly(Closeable c) {
    try {
      if (c != null) c.close();
    } catch (IOException | RuntimeException ignored) {
      // closing is best effort
    }
  }
}
