package dev.patina.collector.netconf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FramingTest {
  private static final Deadline SOON = Deadline.in(Duration.ofSeconds(10), "test message");

  private static Framing.MessageReader reader(Framing framing, String bytes, long max) {
    InputStream in = new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1));
    return framing.reader(new TimedInput(in, "test"), max, "device-1:830");
  }

  private static String next(Framing.MessageReader r) throws IOException {
    byte[] b = r.next(Deadline.in(Duration.ofSeconds(10), "test message"));
    return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void endOfMessageFramingSplitsMessagesAtTheMarkerAndSkipsWhitespaceBetweenThem() throws IOException {
    Framing.MessageReader r = reader(Framing.END_OF_MESSAGE, "<a>]]</a>]]]>]]>\n<b/>]]>]]>", 1000);
    assertEquals("<a>]]</a>]", next(r));
    assertEquals("<b/>", next(r));
    assertNull(next(r));
  }

  @Test
  void aStreamThatEndsInsideAnEndOfMessageFramedMessageIsAFramingError() {
    Framing.MessageReader r = reader(Framing.END_OF_MESSAGE, "<rpc-reply>]]>]]", 1000);
    NetconfFramingException e = assertThrows(NetconfFramingException.class, () -> next(r));
    assertEquals(16, e.offset());
    assertTrue(e.getMessage().contains("ended at byte 16"), e.getMessage());
    assertTrue(e.getMessage().contains("device-1:830"), e.getMessage());
  }

  @Test
  void chunkedFramingJoinsChunksIntoOneMessage() throws IOException {
    Framing.MessageReader r = reader(Framing.CHUNKED, "\n#4\n<rpc\n#17\n message-id=\"1\"/>\n##\n\n#3\n<a/\n#1\n>\n##\n", 1000);
    assertEquals("<rpc message-id=\"1\"/>", next(r));
    assertEquals("<a/>", next(r));
    assertNull(next(r));
  }

  @Test
  void aChunkHeaderWithALetterInItsSizeIsRefusedNamingTheByte() {
    Framing.MessageReader r = reader(Framing.CHUNKED, "\n#4\n<rpc\n#1x\nabc", 1000);
    NetconfFramingException e = assertThrows(NetconfFramingException.class, () -> next(r));
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("at byte 11"), e.getMessage());
    assertTrue(e.getMessage().contains("'x' (0x78)"), e.getMessage());
  }

  @Test
  void aChunkedMessageWithoutTheLeadingLineFeedIsRefused() {
    NetconfFramingException e = assertThrows(NetconfFramingException.class,
        () -> next(reader(Framing.CHUNKED, "<rpc-reply/>]]>]]>", 1000)));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("must start with a line feed, got '<' (0x3c)"), e.getMessage());
  }

  @Test
  void aChunkSizeOfZeroOrWithLeadingZeroIsRefused() {
    assertThrows(NetconfFramingException.class, () -> next(reader(Framing.CHUNKED, "\n#0\n\n##\n", 1000)));
    assertThrows(NetconfFramingException.class, () -> next(reader(Framing.CHUNKED, "\n#01\na\n##\n", 1000)));
  }

  @Test
  void anEndOfChunksMarkerWithNoChunkBeforeItIsRefused() {
    NetconfFramingException e = assertThrows(NetconfFramingException.class,
        () -> next(reader(Framing.CHUNKED, "\n##\n", 1000)));
    assertTrue(e.getMessage().contains("before any chunk"), e.getMessage());
  }

  @Test
  void aStreamEndingInsideAChunkIsRefused() {
    NetconfFramingException e = assertThrows(NetconfFramingException.class,
        () -> next(reader(Framing.CHUNKED, "\n#10\nabc", 1000)));
    assertTrue(e.getMessage().contains("ended inside a chunk of 10 bytes"), e.getMessage());
  }

  @Test
  void aChunkSizeBeyondTheLimitOfRfc6242IsRefused() {
    assertThrows(NetconfFramingException.class, () -> next(reader(Framing.CHUNKED, "\n#4294967296\n", 1L << 40)));
  }

  @Test
  void repliesLargerThanTheLimitAreRefusedInBothFramings() throws IOException {
    NetconfTooLargeException chunked = assertThrows(NetconfTooLargeException.class,
        () -> next(reader(Framing.CHUNKED, "\n#6\n123456\n#6\n789012\n##\n", 10)));
    assertTrue(chunked.getMessage().contains("exceeds the limit of 10 bytes"), chunked.getMessage());
    assertThrows(NetconfTooLargeException.class,
        () -> next(reader(Framing.END_OF_MESSAGE, "12345678901]]>]]>", 10)));
    assertEquals(10, assertSize(reader(Framing.END_OF_MESSAGE, "1234567890]]>]]>", 10)));
  }

  private static int assertSize(Framing.MessageReader r) throws IOException {
    return r.next(SOON).length;
  }

  @Test
  void aSilentStreamTimesOutInsteadOfBlocking() throws IOException {
    try (PipedOutputStream never = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(never)) {
      TimedInput timed = new TimedInput(in, "silent:830");
      never.write("\n#5\nab".getBytes(StandardCharsets.US_ASCII));
      never.flush();
      Framing.MessageReader r = Framing.CHUNKED.reader(timed, 1000, "silent:830");
      NetconfTimeoutException e = assertThrows(NetconfTimeoutException.class,
          () -> r.next(Deadline.in(Duration.ofMillis(300), "reply to <get-config> (message-id 1)")));
      assertTrue(e.getMessage().contains("reply to <get-config> (message-id 1) from silent:830 within 300 ms"),
          e.getMessage());
      timed.close();
    }
  }

  @Test
  void writtenMessagesReadBackInBothFramings() throws IOException {
    for (Framing f : Framing.values()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      f.write(out, "<rpc/>".getBytes(StandardCharsets.US_ASCII));
      f.write(out, "<ok/>".getBytes(StandardCharsets.US_ASCII));
      Framing.MessageReader r = reader(f, out.toString(StandardCharsets.ISO_8859_1), 100);
      assertArrayEquals("<rpc/>".getBytes(StandardCharsets.US_ASCII), r.next(SOON));
      assertArrayEquals("<ok/>".getBytes(StandardCharsets.US_ASCII), r.next(SOON));
    }
  }
}
