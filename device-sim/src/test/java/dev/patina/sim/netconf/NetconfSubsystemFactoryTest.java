package dev.patina.sim.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import org.junit.jupiter.api.Test;

/** Talks raw RFC 6242 bytes to the simulated subsystem over a real SSH connection. */
class NetconfSubsystemFactoryTest {
  private static final String CONFIG = "<system xmlns=\"urn:example:system\"><hostname>sim-1</hostname></system>";
  private static final String HELLO_11 = "<hello xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><capabilities>"
      + "<capability>urn:ietf:params:netconf:base:1.0</capability>"
      + "<capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>]]>]]>";
  private static final String GET_CONFIG = "<rpc xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"7\">"
      + "<get-config><source><running/></source></get-config></rpc>";

  @Test
  void aBase10OnlyServerAdvertisesOnlyBase10AndEndsRepliesWithTheMarker() throws Exception {
    NetconfSubsystemFactory factory = new NetconfSubsystemFactory(CONFIG).base11(false);
    try (NetconfSimServer server = NetconfSimServer.start(factory); Raw raw = new Raw(server)) {
      String hello = raw.readUntil("]]>]]>");
      assertTrue(hello.contains("urn:ietf:params:netconf:base:1.0"), hello);
      assertFalse(hello.contains("urn:ietf:params:netconf:base:1.1"), hello);
      raw.write(HELLO_11 + GET_CONFIG + "]]>]]>");
      String reply = raw.readUntil("]]>]]>");
      assertTrue(reply.contains("message-id=\"7\""), reply);
      assertTrue(reply.contains("<data>" + CONFIG + "</data>"), reply);
      assertEquals(List.of(GET_CONFIG), factory.requests());
    }
  }

  @Test
  void aBase11ServerSendsTheReplyInChunksOfTheConfiguredSize() throws Exception {
    NetconfSubsystemFactory factory = new NetconfSubsystemFactory(CONFIG).chunkSize(10).writeSizes(3, 1, 5);
    try (NetconfSimServer server = NetconfSimServer.start(factory); Raw raw = new Raw(server)) {
      assertTrue(raw.readUntil("]]>]]>").contains("urn:ietf:params:netconf:base:1.1"));
      raw.write(HELLO_11);
      byte[] rpc = GET_CONFIG.getBytes(StandardCharsets.UTF_8);
      raw.write("\n#" + rpc.length + "\n" + GET_CONFIG + "\n##\n");
      String framed = raw.readUntil("\n##\n");
      assertTrue(framed.startsWith("\n#10\n"), framed);
      StringBuilder data = new StringBuilder();
      int pos = 0;
      while (!framed.startsWith("\n##\n", pos)) {
        int nl = framed.indexOf('\n', pos + 2);
        int size = Integer.parseInt(framed.substring(pos + 2, nl));
        assertTrue(size <= 10, "chunk of " + size);
        data.append(framed, nl + 1, nl + 1 + size);
        pos = nl + 1 + size;
      }
      assertTrue(data.toString().contains("<data>" + CONFIG + "</data>"), data.toString());
    }
  }

  @Test
  void theMalformedFramingFaultSendsABrokenChunkHeader() throws Exception {
    NetconfSubsystemFactory factory = new NetconfSubsystemFactory(CONFIG).fault(NetconfFault.malformedFraming());
    try (NetconfSimServer server = NetconfSimServer.start(factory); Raw raw = new Raw(server)) {
      raw.readUntil("]]>]]>");
      raw.write(HELLO_11);
      raw.write("\n#" + GET_CONFIG.length() + "\n" + GET_CONFIG + "\n##\n");
      assertTrue(raw.readUntil("\n").isEmpty());
      assertEquals("#12x4", raw.readUntil("\n"));
    }
  }

  @Test
  void theRpcErrorFaultAnswersGetConfigWithTheGivenError() throws Exception {
    NetconfSubsystemFactory factory = new NetconfSubsystemFactory(CONFIG).base11(false)
        .fault(NetconfFault.rpcError("access-denied", "error", "no read access"));
    try (NetconfSimServer server = NetconfSimServer.start(factory); Raw raw = new Raw(server)) {
      raw.readUntil("]]>]]>");
      raw.write(HELLO_11 + GET_CONFIG + "]]>]]>");
      String reply = raw.readUntil("]]>]]>");
      assertTrue(reply.contains("<error-tag>access-denied</error-tag>"), reply);
      assertTrue(reply.contains("<error-message xml:lang=\"en\">no read access</error-message>"), reply);
    }
  }

  /** A raw subsystem channel, read with sshj's blocking stream (the server always answers in these tests). */
  private static final class Raw implements AutoCloseable {
    private final SSHClient ssh = new SSHClient();
    private final InputStream in;
    private final OutputStream out;

    Raw(NetconfSimServer server) throws IOException {
      ssh.addHostKeyVerifier(new PromiscuousVerifier());
      ssh.connect(server.host(), server.port());
      ssh.authPassword(NetconfSimServer.USER, NetconfSimServer.PASSWORD);
      Session.Subsystem sub = ssh.startSession().startSubsystem("netconf");
      in = sub.getInputStream();
      out = sub.getOutputStream();
    }

    void write(String s) throws IOException {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Everything up to and including {@code end}. */
    String readUntil(String end) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (;;) {
        int c = in.read();
        if (c < 0) throw new IOException("stream ended; got " + b.toString(StandardCharsets.UTF_8));
        b.write(c);
        String s = b.toString(StandardCharsets.UTF_8);
        if (s.endsWith(end)) return end.equals("\n") ? s.substring(0, s.length() - 1) : s;
      }
    }

    @Override
    public void close() throws IOException {
      ssh.disconnect();
    }
  }
}
