package dev.patina.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the escapes of a Ruby double-quoted string ({@code "\"#{text}\"".undump} in Oxidized's
 * simulation helper): {@code \n \r \t \e \a \b \f \v \s \0..\777 \xHH \" \\}, backslash-u
 * HHHH or {H..}; any other escaped character stands for itself.
 */
final class RubyEscapes {
  private RubyEscapes() {}

  /** Returns {@code text} with its escapes decoded; raw characters pass through unchanged. */
  static String decode(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c != '\\') {
        int end = text.indexOf('\\', i);
        end = end < 0 ? n : end;
        out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
        continue;
      }
      if (i + 1 >= n) {
        out.write('\\'); // a lone trailing backslash stays as it is
        break;
      }
      char e = text.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'e' -> out.write(0x1b);
        case 'a' -> out.write(0x07);
        case 'b' -> out.write(0x08);
        case 'f' -> out.write(0x0c);
        case 'v' -> out.write(0x0b);
        case 's' -> out.write(' ');
        case 'x' -> {
          int end = hexEnd(text, i, 2);
          if (end == i) {
            throw new IllegalArgumentException("invalid \\x escape at offset " + (i - 2));
          }
          out.write(Integer.parseInt(text.substring(i, end), 16));
          i = end;
        }
        case 'u' -> {
          int codePoint;
          if (i < n && text.charAt(i) == '{') {
            int close = text.indexOf('}', i);
            if (close < 0) {
              throw new IllegalArgumentException("unterminated \\u{ escape at offset " + (i - 2));
            }
            StringBuilder chars = new StringBuilder();
            for (String hex : text.substring(i + 1, close).trim().split("\\s+")) {
              chars.appendCodePoint(Integer.parseInt(hex, 16));
            }
            out.writeBytes(chars.toString().getBytes(StandardCharsets.UTF_8));
            i = close + 1;
            continue;
          }
          int end = hexEnd(text, i, 4);
          if (end != i + 4) {
            throw new IllegalArgumentException("\\u needs four hex digits at offset " + (i - 2));
          }
          codePoint = Integer.parseInt(text.substring(i, end), 16);
          out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
          i = end;
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int start = i - 1;
            int end = start;
            while (end < n && end < start + 3 && text.charAt(end) >= '0'
                && text.charAt(end) <= '7') {
              end++;
            }
            out.write(Integer.parseInt(text.substring(start, end), 8) & 0xff);
            i = end;
          } else {
            // \" \\ \# \' and any other character: the character itself
            out.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hexEnd(String text, int from, int max) {
    int end = from;
    while (end < text.length() && end < from + max && Character.digit(text.charAt(end), 16) >= 0) {
      end++;
    }
    return end;
  }
}
