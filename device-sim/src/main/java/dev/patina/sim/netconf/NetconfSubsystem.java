package dev.patina.sim.netconf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** One simulated NETCONF session: hello, then get-config and close-session, faults applied. */
final class NetconfSubsystem implements Command {
  private static final String BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
  private static final String BASE_1_1 = "urn:ietf:params:netconf:base:1.1";

  private final NetconfSubsystemFactory server;
  private final int sessionId;
  private InputStream in;
  private OutputStream out;
  private ExitCallback exit;
  private Thread thread;

  NetconfSubsystem(NetconfSubsystemFactory server, int sessionId) {
    this.server = server;
    this.sessionId = sessionId;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {}

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    thread = Thread.ofPlatform().daemon().name("sim-netconf-" + sessionId).start(this::serve);
  }

  @Override
  public void destroy(ChannelSession channel) {
    if (thread != null) thread.interrupt();
  }

  private void serve() {
    int status = 0;
    try {
      if (!(server.currentFault() instanceof NetconfFault.NoHello)) {
        send(SimFraming.endOfMessage(hello()));
      }
      String clientHello = SimFraming.readEndOfMessage(in);
      if (clientHello == null) return;
      server.recordHello(clientHello);
      boolean chunked = server.base11() && clientHello.contains(BASE_1_1);
      for (;;) {
        String request = chunked ? SimFraming.readChunked(in) : SimFraming.readEndOfMessage(in);
        if (request == null) return;
        server.recordRequest(request.strip());
        if (!answer(request.strip(), chunked)) return;
      }
    } catch (IOException | RuntimeException e) {
      status = 1;
    } finally {
      if (exit != null) exit.onExit(status);
    }
  }

  /** Answers one rpc; false when the session should end. */
  private boolean answer(String request, boolean chunked) throws IOException {
    NetconfFault fault = server.currentFault();
    if (fault instanceof NetconfFault.NeverReply) return true;
    Element rpc = parse(request);
    String id = rpc.getAttribute("message-id");
    String operation = firstChild(rpc);
    String body;
    boolean last = false;
    if ("get-config".equals(operation)) {
      body = switch (fault) {
        case NetconfFault.RpcError e -> reply(id, "<rpc-error><error-type>" + e.type() + "</error-type><error-tag>"
            + e.tag() + "</error-tag><error-severity>" + e.severity() + "</error-severity><error-message xml:lang=\"en\">"
            + e.message() + "</error-message></rpc-error>");
        case NetconfFault.WrongMessageId w -> reply(Long.toString(parseId(id) + 1000), "<data/>");
        case NetconfFault.RawReply r -> r.message().replace("{message-id}", id);
        default -> reply(id, "<data>" + server.runningConfig() + "</data>");
      };
      if (fault instanceof NetconfFault.MalformedFraming) {
        byte[] framed = frame(body, chunked);
        if (chunked) {
          send(("\n#12x4\n" + body).getBytes(StandardCharsets.UTF_8));
        } else {
          send(java.util.Arrays.copyOf(framed, framed.length / 2));
        }
        return false;
      }
    } else if ("close-session".equals(operation)) {
      body = reply(id, "<ok/>");
      last = true;
    } else {
      body = reply(id, "<rpc-error><error-type>protocol</error-type><error-tag>operation-not-supported</error-tag>"
          + "<error-severity>error</error-severity><error-message>the simulator supports get-config and close-session"
          + "</error-message></rpc-error>");
    }
    send(frame(body, chunked));
    return !last;
  }

  private byte[] frame(String message, boolean chunked) {
    return chunked ? SimFraming.chunked(message, server.chunkSize()) : SimFraming.endOfMessage(message);
  }

  private String hello() {
    StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hello xmlns=\"")
        .append(NetconfSubsystemFactory.BASE_NS).append("\">\n  <capabilities>\n");
    s.append("    <capability>").append(BASE_1_0).append("</capability>\n");
    if (server.base11()) s.append("    <capability>").append(BASE_1_1).append("</capability>\n");
    for (String c : server.extraCapabilities()) s.append("    <capability>").append(c).append("</capability>\n");
    return s.append("  </capabilities>\n  <session-id>").append(sessionId).append("</session-id>\n</hello>").toString();
  }

  private static String reply(String id, String content) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rpc-reply xmlns=\"" + NetconfSubsystemFactory.BASE_NS
        + "\" message-id=\"" + id + "\">" + content + "</rpc-reply>";
  }

  /** Writes in the configured pieces, flushing each so each becomes its own SSH packet. */
  private void send(byte[] bytes) throws IOException {
    int[] sizes = server.writeSizes();
    if (sizes.length == 0) {
      out.write(bytes);
      out.flush();
      return;
    }
    for (int pos = 0, i = 0; pos < bytes.length; i++) {
      int n = Math.min(sizes[i % sizes.length], bytes.length - pos);
      out.write(bytes, pos, n);
      out.flush();
      pos += n;
    }
  }

  private static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String firstChild(Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) return child.getLocalName();
    }
    return "";
  }

  private static Element parse(String xml) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      throw new IOException("client sent malformed XML: " + e.getMessage(), e);
    }
  }
}
