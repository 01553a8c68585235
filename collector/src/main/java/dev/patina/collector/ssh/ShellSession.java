package dev.patina.collector.ssh;

import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.Model;
import dev.patina.inventory.Device;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class ShellSession implements AutoCloseable {
  /** What the engine needs of a model. */
  public record Settings(Pattern prompt, List<Model.Pager> pagers) {
    /** The shell settings of {@code model}. */
    public static Settings of(Model model) {
      return new Settings(model.prompt(), model.pagers());
    }
  }

  /** One command's output lines (echo and prompt removed) and the prompt that ended it. */
  public record Reply(List<String> lines, String prompt) {}

  /** Quiet time that makes a prompt-like line after no output (or at login, without a command) count. */
  private static final Duration SETTLE = Duration.ofMillis(40);
  /** Quiet time that makes a candidate prompt count when the first command's echo has not come. */
  private static final Duration NO_ECHO = Duration.ofSeconds(1);
  private final Session session;
  private final OutputStream in;
  private final OutputPump pump;
  private final Settings settings;
  private final Device target;
  private final Duration timeout;
  private String promptBase;
  private String prompt;
  private boolean confirmed;

  ShellSession(Session session, Session.Shell shell, Settings settings, Device target, Duration timeout) {
    this.session = session;
    this.in = shell.getOutputStream();
    this.pump = new OutputPump(shell.getInputStream(), target.name(), false);
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

  /** Runs {@code command}; stops early (reply null) when {@code passwordPrompt} shows up. */
  public Step run(String command, Pattern passwordPrompt) throws CollectException {
    pump.withTerminal(t -> {
      t.takeLines();
      t.clearCurrentLine();
      return null;
    });
    send(command + "\n");
    return collect(command, passwordPrompt, command.strip().isEmpty() ? null : command.strip());
  }

  /** Types a secret (an enable password) and waits for the prompt; the secret is never echoed into messages. */
  public Reply answerSecret(String secret, String what) throws CollectException {
    pump.withTerminal(t -> {
      t.takeLines();
      t.clearCurrentLine();
      return null;
    });
    send(secret + "\n");
    return collect(what, null, null).reply;
  }

  /** The outcome of {@link #run(String, Pattern)}: a reply, or a password prompt (reply null). */
  public record Step(Reply reply, String passwordPrompt) {}

  private Step collect(String command, Pattern passwordPrompt, String echo) throws CollectException {
    if (await(command, passwordPrompt, echo, false)) {
      return new Step(null, pump.withTerminal(TerminalText::currentLine));
    }
    List<String> lines = pump.withTerminal(TerminalText::takeLines);
    String now = pump.withTerminal(TerminalText::currentLine);
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
    if (!out.isEmpty() && (out.getFirst().isBlank() || out.getFirst().strip().endsWith(command.strip()))) {
      out.removeFirst(); // the echo (or what is left of it after the device erased it)
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
    while (true) {
      OutputPump.End end;
      try {
        end = pump.await(t -> isPrompt(t.currentLine()) || pager(t.currentLine()) != null
            || (passwordPrompt != null && passwordPrompt.matcher(t.currentLine()).find()), timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectException(FailureKind.TIMEOUT, target.name() + ": interrupted while waiting for " + quoted(what));
      }
      long got = pump.bytes() - start;
      if (end == OutputPump.End.CLOSED) {
        throw new CollectException(FailureKind.DISCONNECTED, target.name() + ": connection closed after "
            + String.format("%,d", got) + " bytes of " + quoted(what));
      }
      if (end == OutputPump.End.IDLE) {
        throw new CollectException(FailureKind.TIMEOUT, target.name() + ": no prompt within "
            + timeout.toSeconds() + " s of silence after " + String.format("%,d", got) + " bytes of "
            + quoted(what) + "; check the model's prompt regex, or raise the command timeout");
      }
      String line = pump.withTerminal(TerminalText::currentLine);
      Model.Pager pager = pager(line);
      if (passwordPrompt != null && passwordPrompt.matcher(line).find() && !isPrompt(line)) {
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
        if (quiet == null || quiet(quiet)) {
          return false;
        }
        continue; // more output came: the "prompt" was a line still being written
      }
      if (pager != null) {
        pump.withTerminal(t -> {
          t.clearCurrentLine();
          return null;
        });
        send(pager.send());
      }
    }
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
    if (settings.prompt() == null || !settings.prompt().matcher(line).find()) {
      return false;
    }
    return promptBase == null || !confirmed || line.strip().startsWith(promptBase);
  }

  private Model.Pager pager(String line) {
    for (Model.Pager p : settings.pagers()) {
      if (p.expect().matcher(line).find()) {
        return p;
      }
    }
    return null;
  }

  private void learn(String prompt) {
    this.prompt = prompt;
    String p = prompt.strip();
    // the part before the mode character: "core-sw1" of "core-sw1>" and "core-sw1#"
    promptBase = p.length() > 1 ? p.substring(0, p.length() - 1) : p;
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
