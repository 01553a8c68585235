package dev.patina.app.changes;

import java.net.InetAddress;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one syslog message: RFC 5424 ({@code <PRI>1 TIMESTAMP HOSTNAME APP PROCID MSGID SD MSG})
 * or the BSD format of RFC 3164 ({@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG: MSG}), including what
 * network devices really send (Cisco's {@code <189>42: *Nov 26 14:01:02.345: %SYS-5-...}, no
 * hostname). A message without a valid priority, not UTF-8, or mostly control characters is
 * malformed (null).
 */
final class SyslogParser {
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
  private static final Pattern PRI = Pattern.compile("<(\\d{1,3})>");
  private static final Pattern BSD = Pattern.compile(
      "(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT\\S+) +([^\\s:\\[]+) +(.*)", Pattern.DOTALL);
  private static final Pattern V5424 = Pattern.compile(
      "1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\\"]|\\\\.|\"(?:[^\"\\\\]|\\\\.)*\")*\\])+)(?: (.*))?",
      Pattern.DOTALL);

  private SyslogParser() {}

  static Announcement parse(String via, InetAddress from, byte[] data, int length, long nanos) {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    while (!s.isEmpty() && (s.endsWith("\n") || s.endsWith("\r") || s.endsWith("\0"))) s = s.substring(0, s.length() - 1);
    Matcher pri = PRI.matcher(s);
    if (!pri.lookingAt() || Integer.parseInt(pri.group(1)) > 191) return null;
    String rest = s.substring(pri.end());
    if (controlShare(rest) > 0.1) return null;
    String hostname = null;
    String text = rest;
    Matcher m = V5424.matcher(rest);
    if (m.matches()) {
      hostname = nil(m.group(2));
      String app = nil(m.group(3));
      String msg = m.group(7) == null ? "" : m.group(7);
      if (msg.startsWith("\uFEFF")) msg = msg.substring(1);
      String procid = nil(m.group(4));
      text = (app == null ? "" : app + (procid == null ? "" : "[" + procid + "]") + ": ") + msg;
    } else {
      Matcher b = BSD.matcher(rest);
      if (b.matches()) {
        hostname = b.group(1);
        text = b.group(2);
      }
    }
    text = CONTROL.matcher(text).replaceAll(" ").strip();
    if (text.isEmpty()) return null;
    return new Announcement(via, from, hostname, text, null, Map.of(), nanos);
  }

  private static String nil(String v) {
    return "-".equals(v) ? null : v;
  }

  private static double controlShare(String s) {
    if (s.isEmpty()) return 0;
    long n = s.chars().filter(c -> c < 0x20 && c != '\t' || c == 0x7f || c == 0xFFFD).count();
    return n / (double) s.length();
  }
}
