package dev.patina.sim;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words as {@code sh} does for simple commands (quotes, joiners). */
final class ShellWords {
  static final String AND = "\u0000&&";
  static final String OR = "\u0000||";
  static final String SEQ = "\u0000;";

  private ShellWords() {}

  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c) || c == ';' || c == '&' || c == '|') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (c == ';') {
          words.add(SEQ);
        } else if ((c == '&' || c == '|') && i + 1 < line.length() && line.charAt(i + 1) == c) {
          words.add(c == '&' ? AND : OR);
          i++;
        } else if (c == '&' || c == '|') {
          words.add(String.valueOf(c)); // background and pipes are not supported: sh says not found
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
