package dev.patina.collector.ssh;

import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Model;
import dev.patina.inventory.Device;
import dev.patina.regex.BoundedRegex;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The interactive shell engine: sends a command, answers pagers and "press any key", waits for
 * the prompt, and hands back the output lines with echo, prompt and terminal codes removed.
 *
 * <p>A line is a prompt when the model's regex matches the line being written (rendered by
 * {@link TerminalText}) and, once the first prompt is known, it begins like that prompt (so a
 * banner or config line ending in {@code #} is never taken for one).
 *
 * <p>The first prompt after login is a candidate until confirmed: a login banner written in
 * pieces may end a piece with something prompt-like. The first command confirms it at no cost:
 * the device echoes the command only once it reads input at its real prompt, so a prompt after
 * the echo is the real one (and the banner's rest, before the echo, is dropped); so does the
 * candidate coming back unchanged after the command. Otherwise a quiet wait decides (one second
 * when an echo was due: a device under load may echo late), as does {@link #confirmPrompt}.
 *
 * <p>The end of a stored reply is confirmed, never guessed from a packet boundary (a banner can
 * hold the prompt). The cheapest confirmation is the next command: sent as soon as the prompt
 * shows, its echo after the prompt is where the reply ends, since a device reads typed-ahead
 * input only back at its prompt. The last reply is confirmed the same way by a login setting
 * typed again ({@link #confirmWith}); an empty line and the prompt's repeat are the fallback
 * ({@link #confirmEnd}). Typing ahead needs a device that echoes commands plainly and has not
 * paged (typed text could answer a pager).
 */
public final class ShellSession implements AutoCloseable {
  /**
   * What the engine needs of a model. {@code promptAbove}: a line written above every prompt
   * (null: none). A {@code prompt} with a named group {@code host} says which part of the prompt
   * stays the same (EXOS counts commands in its prompt, F5 shows its failover state there).
   */
  public record Settings(Pattern prompt, List<Model.Pager> pagers, Pattern promptAbove) {
    /** The shell settings of {@code model}. */
    public static Settings of(Model model) {
      return new Settings(model.prompt(), model.pagers(), model.promptAbove());
    }
  }

  /** One command's output lines (echo and prompt removed) and the prompt that ended it. */
  public record Reply(List<String> lines, String prompt) {}

  /** The device or model var that limits one reply's size, in MiB. */
  public static final String MAX_REPLY_MIB = "max-reply-mib";
  /** The limit when no var sets one: far beyond any configuration, far below a small heap. */
  public static final long DEFAULT_MAX_REPLY_MIB = 64;

  /** Quiet time that makes a prompt-like line after no output (or at login, without a command) count. */
  private static final Duration SETTLE = Duration.ofMillis(40);
  /** Quiet time that makes a candidate prompt count when the first command's echo has not come. */
  private static final Duration NO_ECHO = Duration.ofSeconds(1);
  /** Quiet time after which a pager the device moved past (or erased) is answered. */
  private static final Duration HIDDEN_PAGER = Duration.ofMillis(200);
  /** Quiet time after which a prompt-like line with another host part counts (see {@link #await}). */
  private static final Duration OTHER_HOST = Duration.ofSeconds(2);
  private final Session session;
  private final OutputStream in;
  private final OutputPump pump;
  private final Settings settings;
  private final Device target;
  private long maxReplyBytes = DEFAULT_MAX_REPLY_MIB * 1024 * 1024;
  /** The last wait ended with a confirmed prompt: its lines end with the repeated prompt. */
  private boolean endConfirmed;
  /** False while a session setting runs (see {@link #runSetting}); its prompt is taken at once. */
  private boolean confirmEnds = true;
  private final Duration timeout;
  private String promptBase;
  private String prompt;
  private boolean confirmed;
  private final Set<String> credentialsSent = new HashSet<>();
  /** The command the caller runs after the current one ({@link #next}), or null. */
  private String upcoming;
  /** A harmless command to type ahead when no next one is known ({@link #confirmWith}), or null. */
  private String harmless;
  /** A command sent before its turn to confirm the previous reply's end; its reply is unread. */
  private String ahead;
  /** Completed lines below this index were checked for the echo of {@link #ahead}. */
  private int aheadScan;
  /** The completed line holding the echo of {@link #ahead} (where the last reply ended), or -1. */
  private int aheadEchoAt = -1;
  /** A reply began with its command's echo alone on a line, so an echo can be recognised. */
  private boolean echoesPlainly;
  /** A pager was answered: paging is on, and text typed ahead could be taken as its key. */
  private boolean paged;

  /** A session on {@code shell}, whose output reaches {@code pump}. */
  ShellSession(Session session, Session.Shell shell, OutputPump pump, Settings settings, Device target, Duration timeout) {
    this.session = session;
    this.in = shell.getOutputStream();
    this.pump = pump;
    this.settings = settings;
    this.target = target;
    this.timeout = timeout;
  }

  /**
   * Waits for the first prompt after login (answering "press any key") and returns it as a
   * candidate: the first command confirms it (see the class comment).
   */
  public String awaitPrompt() throws CollectException {
    await("the login prompt", null, null, true);
    String candidate = pump.withTerminal(TerminalText::currentLine);
    learn(candidate);
    pump.withTerminal(TerminalText::takeLines);
    return candidate;
  }

  /** Limits every later reply to {@code bytes} bytes. */
  public void maxReplyBytes(long bytes) {
    this.maxReplyBytes = bytes;
  }

  /** True once a command's reply (or a quiet wait) has confirmed the prompt. */
  public boolean confirmed() {
    return confirmed;
  }

  /** Confirms the candidate prompt without a command: it must stay quiet a moment; returns the prompt. */
  public String confirmPrompt() throws CollectException {
    if (confirmed) return prompt;
    if (!quiet(SETTLE)) {
      await("the login prompt", null, null, false); // more came: the candidate was a banner piece
    }
    String now = pump.withTerminal(TerminalText::currentLine);
    pump.withTerminal(TerminalText::takeLines);
    learn(now);
    confirmed = true;
    return now;
  }

  /** The prompt that ended the last reply (or the login candidate). */
  public String prompt() {
    return prompt;
  }

  /** Runs {@code command} and returns its output once the prompt is back. */
  public Reply run(String command) throws CollectException {
    return run(command, null).reply;
  }

  /**
   * Runs a session setting (a login command such as {@code terminal length 0}, or {@code enable}),
   * whose reply is never stored and holds no text a user could have written: its end is taken
   * at the prompt without the extra round trip that {@link #confirmEnd} costs. Replies that are
   * stored (configurations, banners, descriptions) go through {@link #run(String)}.
   */
  public Step runSetting(String command, Pattern passwordPrompt) throws CollectException {
    confirmEnds = false;
    try {
      return run(command, passwordPrompt);
    } finally {
      confirmEnds = true;
    }
  }

  /**
   * Names the command the caller runs after the next {@link #run(String)} (null: not known).
   * That reply's end is then confirmed by sending this command at once and seeing its echo
   * after the prompt, instead of by an empty line and its own round trip (see {@link #confirmEnd}).
   */
  public void next(String command) {
    upcoming = command == null || command.isBlank() ? null : command;
  }

  /**
   * Names a harmless command (a session setting the login ran, such as {@code terminal length 0},
   * run again) whose echo confirms the end of a reply when the caller names no next command: as
   * unmistakable as the next command's echo, where an empty line's answer (the prompt again) could
   * also be a reply's own text. Null: confirm with an empty line.
   */
  public void confirmWith(String command) {
    harmless = command == null || command.isBlank() ? null : command;
  }

  /** Runs {@code command}; stops early (reply null) when {@code passwordPrompt} shows up. */
  public Step run(String command, Pattern passwordPrompt) throws CollectException {
    try {
      if (ahead != null && !ahead.equals(command)) {
        // the caller went another way: read that reply and drop it, typing this command to end it
        String typed = ahead;
        String after = upcoming;
        ahead = null;
        upcoming = command;
        pump.startReply(maxReplyBytes);
        collect(typed, null, null, true);
        upcoming = after;
      }
      if (ahead != null) {
        ahead = null;
        pump.startReply(maxReplyBytes);
        return collect(command, passwordPrompt, null, true); // sent already; its echo ended the last reply
      }
      pump.withTerminal(t -> {
        t.takeLines();
        t.clearCurrentLine();
        return null;
      });
      pump.startReply(maxReplyBytes);
      send(command + "\n");
      return collect(command, passwordPrompt, command.strip().isEmpty() ? null : command.strip(), false);
    } finally {
      upcoming = null; // a hint is good for one command
    }
  }

  /** Types a secret (an enable password) and waits for the prompt; the secret is never echoed into messages. */
  public Reply answerSecret(String secret, String what) throws CollectException {
    pump.withTerminal(t -> {
      t.takeLines();
      t.clearCurrentLine();
      return null;
    });
    pump.startReply(maxReplyBytes);
    send(secret + "\n");
    return collect(what, null, null, false).reply;
  }

  /** The outcome of {@link #run(String, Pattern)}: a reply, or a password prompt (reply null). */
  public record Step(Reply reply, String passwordPrompt) {}

  /** {@code typedAhead}: the command was sent before its turn, and its echo is gone with the last reply. */
  private Step collect(String command, Pattern passwordPrompt, String echo, boolean typedAhead) throws CollectException {
    if (await(command, passwordPrompt, echo, false)) {
      return new Step(null, pump.withTerminal(TerminalText::currentLine));
    }
    List<String> lines;
    String now;
    if (aheadEchoAt >= 0) { // the next command's echo ended this reply; what follows it is that command's
      int at = aheadEchoAt;
      aheadEchoAt = -1;
      lines = pump.withTerminal(t -> t.takeLines(at + 1));
      String echoed = lines.removeLast().stripTrailing();
      now = echoed.substring(0, echoed.length() - ahead.strip().length());
    } else {
      lines = pump.withTerminal(TerminalText::takeLines);
      now = pump.withTerminal(TerminalText::currentLine);
      if (endConfirmed && !lines.isEmpty()) {
        lines = lines.subList(0, lines.size() - 1); // the prompt our empty line completed
      }
    }
    endConfirmed = false;
    if (!confirmed) {
      int at = echoAt(lines, echo);
      if (at > 0) {
        lines = lines.subList(at, lines.size()); // the rest of a banner, before the echo
      }
      confirmed = true;
    }
    learn(now);
    List<String> out = new ArrayList<>(lines.size());
    for (String l : lines) {
      out.add(l.stripTrailing()); // what a pager's erasing spaces leave behind
    }
    if (!typedAhead && !out.isEmpty() && out.getFirst().strip().equals(command.strip()) && !command.isBlank()) {
      echoesPlainly = true;
    }
    if (!typedAhead && !out.isEmpty() && (out.getFirst().isBlank() || out.getFirst().strip().endsWith(command.strip()))) {
      out.removeFirst(); // the echo (or what is left of it after the device erased it)
    }
    if (settings.promptAbove() != null) { // the first line of a two-line prompt (and blank lines before it)
      int last = out.size() - 1;
      while (last >= 0 && out.get(last).isBlank()) last--;
      if (last >= 0 && settings.promptAbove().matcher(out.get(last)).find()) {
        out.subList(last, out.size()).clear();
      }
    }
    return new Step(new Reply(out, prompt), null);
  }

  /** Index of the first line that ends with the command's echo, or -1. */
  private static int echoAt(List<String> lines, String echo) {
    if (echo == null) return -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().endsWith(echo)) return i;
    }
    return -1;
  }

  /**
   * Waits for a prompt (false) or the password prompt (true), answering pagers on the way.
   * {@code echo}: the command sent, whose echo confirms a candidate prompt (null: none);
   * {@code candidate}: take the first prompt-like line as it is (the login prompt, confirmed later).
   */
  private boolean await(String what, Pattern passwordPrompt, String echo, boolean candidate)
      throws CollectException {
    long start = pump.bytes();
    pump.withTerminal(TerminalText::takeErased);
    int pagerScan = 0; // completed lines before this one hold no unanswered pager
    while (true) {
      OutputPump.End end;
      try {
        end = pump.awaitUpTo(t -> isPrompt(t.currentLine()) || pager(t.currentLine()) != null
            || (passwordPrompt != null && BoundedRegex.find(passwordPrompt, t.currentLine())),
            timeout.compareTo(HIDDEN_PAGER) > 0 ? HIDDEN_PAGER : timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException(FailureKind.TIMEOUT, target.name() + ": interrupted while waiting for " + quoted(what));
      }
      long got = pump.bytes() - start;
      if (end == OutputPump.End.TOO_BIG) {
        throw tooBig(target.name(), what, maxReplyBytes);
      }
      if (end == OutputPump.End.CLOSED) {
        throw new CollectException(FailureKind.DISCONNECTED, target.name() + ": connection closed after "
            + String.format("%,d", got) + " bytes of " + quoted(what));
      }
      if (end == OutputPump.End.IDLE && !candidate && pump.silentFor(HIDDEN_PAGER)) {
        // quiet, with no prompt or pager on the line being written: a pager the device moved past
        // (V-SOL: " --More-- " then an event line) or erased at once (Onyx: "lines 163-183"),
        // or the prompt after a host name change (TNSR recordings)
        int scanFrom = pagerScan;
        Model.Pager hidden = pump.withTerminal(t -> {
          Model.Pager p = hiddenPager(t, scanFrom);
          if (p != null) clearPager(t, p);
          return p;
        });
        if (hidden != null) {
          refuseTypedAhead(what);
          paged = true;
          pagerScan = pump.withTerminal(t -> t.lines().size());
          send(hidden.send());
          continue;
        }
        pagerScan = pump.withTerminal(t -> t.lines().size());
        String line = pump.withTerminal(TerminalText::currentLine);
        if (confirmed && settings.prompt() != null && settings.prompt().matcher(line).find()
            && pump.silentFor(OTHER_HOST)) {
          return false; // collect() learns it as the prompt
        }
      }
      if (end == OutputPump.End.IDLE && !pump.silentFor(timeout)) {
        continue;
      }
      if (end == OutputPump.End.IDLE) {
        throw new CollectException(FailureKind.TIMEOUT, target.name() + ": no prompt within "
            + timeout.toSeconds() + " s of silence after " + String.format("%,d", got) + " bytes of "
            + quoted(what) + "; check the model's prompt regex, or raise the command timeout");
      }
      String line = pump.withTerminal(TerminalText::currentLine);
      Model.Pager pager = pager(line);
      if (passwordPrompt != null && BoundedRegex.find(passwordPrompt, line) && !isPrompt(line)) {
        return true;
      }
      if (isPrompt(line)) {
        if (candidate) {
          return false;
        }
        Duration quiet; // how long a prompt-like line must stay quiet to count (null: at once)
        // the candidate coming back after our command confirms it too (ProCurve erases its echo
        // while redrawing the line, so no echo is left to see)
        if (confirmed || (prompt != null && line.strip().equals(prompt.strip()))) {
          quiet = pump.withTerminal(t -> t.lines().isEmpty()) ? SETTLE : null;
        } else if (pump.withTerminal(t -> echoAt(t.lines(), echo)) >= 0) {
          quiet = null;
        } else {
          quiet = echo == null ? SETTLE : NO_ECHO; // a slow device's echo must not be taken for absent
        }
        if (quiet == null) {
          if (!confirmEnds) {
            return false; // a session setting's reply: nothing in it a user wrote
          }
          // the prompt right after output: a banner or description can hold a line equal to the
          // prompt, and a packet boundary after it looks like the end; confirm it (see confirmEnd)
          if (confirmEnd(what)) {
            return false;
          }
          continue;
        }
        if (quiet(quiet)) {
          return false;
        }
        continue; // more output came: the "prompt" was a line still being written
      }
      if (pager != null) {
        refuseTypedAhead(what);
        paged = true;
        // the rest of the burst first: lines a device prints after its pager while it waits
        // (V-SOL event messages) must not land where the next page goes
        int scanFrom = pump.withTerminal(t -> t.lines().size());
        quiet(SETTLE);
        pump.withTerminal(t -> {
          if (!pager.expect().matcher(t.currentLine()).find()) {
            hiddenPager(t, scanFrom); // more came since: an event line after the pager (V-SOL)
          }
          clearPager(t, pager);
          return null;
        });
        send(answer(pager, line));
      }
    }
  }

  /**
   * What to send at a pager: its text, with {@code ${username}} and {@code ${password}} replaced
   * by the device's credentials (a login asked for inside the session, as Cisco AireOS does). A
   * credential asked for a second time was refused: an AUTH failure, not a loop.
   */
  private String answer(Model.Pager pager, String line) throws CollectException {
    String text = pager.send();
    if (!text.contains("${username}") && !text.contains("${password}")) {
      return text;
    }
    if (!credentialsSent.add(pager.expect().pattern())) {
      throw new CollectException(FailureKind.AUTH, target.name() + ": the device asked again for \"" + line.strip()
          + "\" after its login prompt was answered; check the device's username and password");
    }
    return text.replace("${username}", target.username() == null ? "" : target.username())
        .replace("${password}", target.password() == null ? "" : target.password().value());
  }

  /**
   * Confirms that the prompt-like line being written ends the reply. With a command to type ahead
   * (the next one, or a harmless setting) it sends that and waits for its echo after the prompt
   * ({@link #awaitAheadEcho}); otherwise it sends an empty line and
   * waits for the device to answer it with the prompt again (the line, then the prompt once
   * more). A device still writing output reads the empty line only once it is back at its
   * prompt, so a look-alike inside the reply is followed by more output, not by the repeat, and
   * the wait goes on to the real end (where the device then answers the empty line). The cost
   * on a device that was really done is one round trip. When more than the repeat came after
   * the empty line (a reply that was still going), the repeat must also stay quiet a moment.
   * Returns true when the end is confirmed (the lines then end with the prompt our empty line
   * completed), false when the output went on without a prompt being written at the moment.
   */
  private boolean confirmEnd(String what) throws CollectException {
    String typed = upcoming != null ? upcoming : harmless;
    if (ahead == null && typed != null && echoesPlainly && !paged) {
      ahead = typed; // the next command confirms this end: no round trip of its own
      upcoming = null;
      aheadScan = pump.withTerminal(t -> t.lines().size()); // the prompt line, once its echo completes it
      send(ahead + "\n");
    }
    if (ahead != null) {
      return awaitAheadEcho(what);
    }
    long mark = pump.withTerminal(TerminalText::charsFed);
    int promptLength = pump.withTerminal(t -> t.currentLine().length());
    send("\n");
    while (true) {
      OutputPump.End end;
      try {
        end = pump.await(t -> t.charsFed() > mark
            && (isPrompt(t.currentLine()) || pager(t.currentLine()) != null), timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException(FailureKind.TIMEOUT, target.name() + ": interrupted while waiting for " + quoted(what));
      }
      if (end == OutputPump.End.TOO_BIG) {
        throw tooBig(target.name(), what, maxReplyBytes);
      }
      if (end != OutputPump.End.CONDITION) {
        return false; // the caller's wait reports the closed stream or the silence
      }
      if (pump.withTerminal(t -> pager(t.currentLine())) != null) {
        return false; // a pager in a reply that went on (it took the empty line as its key)
      }
      long came = pump.withTerminal(TerminalText::charsFed) - mark;
      if (pump.withTerminal(this::repeated)) {
        if (came <= 2L * promptLength + 8 || quiet(SETTLE)) {
          endConfirmed = true;
          return true;
        }
      } else if (quiet(SETTLE)) {
        return true; // a device that redraws its prompt in place for an empty line
      }
      // more came after the prompt-like line: it was part of the reply; wait for the real end
    }
  }

  /**
   * Waits for the echo of the command typed ahead: a completed line that is a prompt followed by
   * that command. A device reads typed-ahead input only back at its prompt, so that line is where
   * the reply really ends, however many prompt-like lines the reply held before it. Returns false
   * when the wait ended otherwise (the caller reports the silence or the closed connection).
   */
  private boolean awaitAheadEcho(String what) throws CollectException {
    String typed = ahead.strip();
    OutputPump.End end;
    try {
      end = pump.await(t -> {
        List<String> done = t.lines();
        for (; aheadScan < done.size(); aheadScan++) {
          String l = done.get(aheadScan).stripTrailing();
          if (l.endsWith(typed) && isPrompt(l.substring(0, l.length() - typed.length()))) {
            aheadEchoAt = aheadScan;
            return true;
          }
        }
        return pager(t.currentLine()) != null;
      }, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(FailureKind.TIMEOUT, target.name() + ": interrupted while waiting for " + quoted(what));
    }
    if (end == OutputPump.End.TOO_BIG) {
      throw tooBig(target.name(), what, maxReplyBytes);
    }
    if (end != OutputPump.End.CONDITION) {
      return false;
    }
    if (aheadEchoAt < 0) {
      refuseTypedAhead(what); // a pager
    }
    return true;
  }

  /**
   * Fails the reply when a pager shows up while a command is typed ahead: that text may have
   * been taken as the pager's key, so the reply cannot be trusted. Only a reply that went on
   * after a prompt-like line, on a device that had not paged before, gets here.
   */
  private void refuseTypedAhead(String what) throws CollectException {
    if (ahead == null) return;
    throw new CollectException(FailureKind.PROTOCOL, target.name() + ": the reply to " + quoted(what)
        + " went on after a line that looked like the prompt, then paged while \"" + ahead.strip()
        + "\" was typed ahead; the reply is not trusted, previous version kept. Turn paging off in the"
        + " model's login commands (terminal length 0 or the like)");
  }

  /** True when the last completed line and the line being written are the same prompt. */
  private boolean repeated(TerminalText t) {
    String now = t.currentLine();
    List<String> done = t.lines();
    return !done.isEmpty() && isPrompt(now) && done.getLast().strip().equals(now.strip());
  }

  /** The failure for a reply beyond {@code max} bytes (the session is unusable after it). */
  static CollectException tooBig(String device, String what, long max) {
    return new CollectException(FailureKind.PROTOCOL, device + ": the reply to " + quoted(what) + " exceeds the limit of "
        + String.format("%,d", max / (1024 * 1024)) + " MiB; if the device really sends that much, raise "
        + MAX_REPLY_MIB + " in the device's vars (or the model's)");
  }

  /** True when no data arrives for {@code time}. */
  private boolean quiet(Duration time) throws CollectException {
    try {
      return pump.quietFor(time);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectException(FailureKind.TIMEOUT, target.name() + ": interrupted while waiting for the prompt");
    }
  }

  /** True when {@code line} (rendered) is this device's prompt (any prompt-like line while it is a candidate). */
  public boolean isPrompt(String line) {
    if (settings.prompt() == null || !BoundedRegex.find(settings.prompt(), line)) {
      return false;
    }
    return promptBase == null || !confirmed || promptBase.equals(host(line))
        || (host(line) == null && line.strip().startsWith(promptBase));
  }

  /** The {@code host} group of a prompt whose regex names one, else null. */
  private String host(String line) {
    if (!settings.prompt().pattern().contains("(?<host>")) return null;
    Matcher m = settings.prompt().matcher(line);
    return m.find() ? m.group("host") : null;
  }

  /**
   * A pager not on the line being written: among the completed lines from {@code from} (made the
   * line being written again, so the device's erasing of it and the text after it land where the
   * device means them) or erased since the last look; else null.
   */
  private Model.Pager hiddenPager(TerminalText t, int from) {
    List<String> lines = t.lines();
    for (int i = Math.min(from, lines.size()); i < lines.size(); i++) {
      Model.Pager p = pager(lines.get(i));
      if (p != null) {
        t.reopenLine(i);
        return p;
      }
    }
    for (String erased : t.takeErased()) {
      Model.Pager p = pager(erased);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  /**
   * Forgets an answered pager that fills the line being written; a pager after text on the same
   * line (V-SOL: "... encry --More-- ") stays: the device erases it and the text goes on.
   */
  private static void clearPager(TerminalText t, Model.Pager pager) {
    java.util.regex.Matcher m = pager.expect().matcher(t.currentLine());
    if (m.find() && t.currentLine().substring(0, m.start()).isBlank()) {
      t.clearCurrentLine();
    }
  }

  private Model.Pager pager(String line) {
    for (Model.Pager p : settings.pagers()) {
      if (BoundedRegex.find(p.expect(), line)) {
        return p;
      }
    }
    return null;
  }

  private void learn(String prompt) {
    this.prompt = prompt;
    String p = prompt.strip();
    String host = settings.prompt() == null ? null : host(prompt);
    // the part before the mode character: "core-sw1" of "core-sw1>" and "core-sw1#"
    promptBase = host != null ? host : p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }

  private void send(String text) throws CollectException {
    try {
      in.write(text.getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new CollectException(FailureKind.DISCONNECTED, target.name() + ": connection closed while sending to the device: "
          + e.getMessage(), e);
    }
  }

  private static String quoted(String what) {
    return what.startsWith("the ") ? what : "\"" + what + "\"";
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection closes anyway
    }
  }
}
