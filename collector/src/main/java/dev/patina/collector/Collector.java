package dev.patina.collector;

import dev.patina.inventory.Device;
import dev.patina.inventory.Timeouts;
import dev.patina.regex.BoundedRegex;
import dev.patina.regex.RegexStoppedException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects one device: picks its model, opens one SSH connection, reads each artifact from its
 * sources in order (falling back to the next source on failure), reduces informational output,
 * and refuses anything incomplete. Nothing partial is ever returned.
 */
public final class Collector {
  private static final Pattern VAR = Pattern.compile("\\$\\{([\\w.-]+)}");
  /** Failures after which the connection is unusable: no fallback, the device fails. */
  private static final Set<FailureKind> FATAL = EnumSet.of(FailureKind.CONNECT, FailureKind.AUTH, FailureKind.HOST_KEY_CHANGED,
      FailureKind.TIMEOUT, FailureKind.DISCONNECTED, FailureKind.PROTOCOL);

  private final ModelRegistry models;
  private final HostKeyStore hostKeys;
  private final Timeouts timeouts;
  private final Map<String, ArtifactSource> sources;
  private final SystemProbe probe;

  public Collector(ModelRegistry models, HostKeyStore hostKeys, Timeouts timeouts) {
    this.models = models;
    this.hostKeys = hostKeys;
    this.timeouts = timeouts;
    this.sources = Map.copyOf(Sources.builtIn());
    this.probe = Sources.probe();
  }

  /** Collects every artifact of the inventory device's model over one connection. */
  public Snapshot collect(Device target) throws CollectException {
    List<String> choice = new ArrayList<>();
    Model model = "auto".equals(target.model()) ? detect(target, choice)
        : models.find(target.model()).orElseThrow(() -> new CollectException(FailureKind.MODEL,
            target.name() + ": unknown model \"" + target.model() + "\"; run patina models for the list"));
    Map<String, String> artifacts = new LinkedHashMap<>();
    try (DeviceSession session = new DeviceSession(target, model, hostKeys, timeouts)) {
      choice.forEach(session::note);
      List<ArtifactSpec> specs = model.artifacts();
      for (int i = 0; i < specs.size(); i++) {
        session.nextCommand(i + 1 < specs.size() ? firstCommand(specs.get(i + 1), session.vars(), target.name()) : null);
        artifact(session, specs.get(i), session.vars(), artifacts);
      }
      return new Snapshot(target.name(), model, artifacts, session.notes());
    } catch (RegexStoppedException e) {
      throw new CollectException(FailureKind.MODEL, target.name() + ": model " + model.name() + " (" + model.source()
          + "): " + e.getMessage(), e);
    }
  }

  /**
   * {@code model: auto}: asks the device what it is (SNMP) and picks the model whose match rules
   * fit; a device without CLI credentials gets its state alone (model {@code snmp}).
   */
  private Model detect(Device target, List<String> choice) throws CollectException {
    SystemProbe.Identity id = probe.identify(target);
    String descr = id.sysDescr().length() > 60 ? id.sysDescr().substring(0, 60) + "..." : id.sysDescr();
    Optional<Model> matched = models.match(id.sysObjectID(), id.sysDescr());
    boolean cli = target.username() != null && (target.password() != null || target.privateKey() != null);
    if (!cli) {
      choice.add("model auto: " + id.sysObjectID() + " \"" + descr + "\" is "
          + matched.map(Model::name).orElse("no known model") + "; no CLI credentials, so its SNMP state alone (model snmp)");
      return models.find("snmp").orElseThrow(() -> new CollectException(FailureKind.MODEL, "the snmp model is missing"));
    }
    Model m = matched.orElseThrow(() -> new CollectException(
        FailureKind.MODEL, target.name() + ": no model matches sysObjectID " + id.sysObjectID()
            + " / sysDescr \"" + id.sysDescr() + "\"; set the device's model"));
    choice.add("model auto: " + id.sysObjectID() + " \"" + descr + "\" is " + m.name());
    return m;
  }

  private void artifact(DeviceSession session, ArtifactSpec spec, Map<String, String> vars,
      Map<String, String> into) throws CollectException {
    String device = session.target().name();
    CollectException last = null;
    for (ArtifactSpec.Source source : spec.sources()) {
      ArtifactSource reader = sources.get(source.kind());
      if (reader == null) {
        last = new CollectException(FailureKind.MODEL, device + ": " + spec.name() + ": no reader for \""
            + source.kind() + ":\" sources in this build");
        continue;
      }
      Map<String, String> got;
      try {
        got = reader.read(session, substitute(source.target(), vars, device, spec));
      } catch (CollectException e) {
        if (FATAL.contains(e.kind())) {
          throw (e.kind() == FailureKind.DISCONNECTED || e.kind() == FailureKind.TIMEOUT)
              && !(e instanceof DeviceSession.LoginFailed)
              ? new CollectException(e.kind(), e.getMessage() + "; " + spec.name()
                  + " incomplete, previous version kept", e)
              : e;
        }
        last = e;
        if (spec.sources().size() > 1) {
          session.note(spec.name() + ": " + source.kind() + " failed, trying the next source: " + e.getMessage());
        }
        continue;
      }
      if (got.isEmpty()) {
        last = new CollectException(FailureKind.COMMAND_FAILED, device + ": " + spec.name() + ": "
            + source.kind() + " " + source.target() + " not found");
        continue;
      }
      for (Map.Entry<String, String> e : got.entrySet()) {
        String name = e.getKey().isEmpty() ? spec.name() : spec.name().replace("{file}", e.getKey());
        String text = finish(device, name, spec, e.getValue());
        if (text.isEmpty() && !spec.keepOnly().isEmpty()) {
          session.note(name + " skipped: no line of the output matches keep-only");
        } else {
          into.put(name, text);
        }
      }
      return;
    }
    if (spec.optional()) {
      session.note(spec.name() + " skipped: " + (last == null ? "no source" : last.getMessage()));
      return;
    }
    throw last;
  }

  /** Lays the text out (format), trims blank edges, keeps only stable lines of informational output, checks completeness. */
  static String finish(String device, String name, ArtifactSpec spec, String text) throws CollectException {
    text = spec.withoutBlocks(device, name, spec.format().apply(device, name, text));
    if (!spec.keepOnly().isEmpty()) {
      StringBuilder kept = new StringBuilder();
      for (int start = 0, n = text.length(); start <= n; ) {
        int nl = text.indexOf('\n', start);
        String l = text.substring(start, nl < 0 ? n : nl);
        for (Pattern p : spec.keepOnly()) {
          if (BoundedRegex.find(p, l)) {
            kept.append(l).append('\n');
            break;
          }
        }
        if (nl < 0) break;
        start = nl + 1;
      }
      text = kept.toString();
    }
    // one pass over the text, no copy per line: find the first and last non-blank lines
    int n = text.length();
    int first = -1;
    int lastStart = -1;
    int lastEnd = -1;
    long nonBlank = 0;
    for (int start = 0; start <= n; ) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? n : nl;
      int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      if (!isBlank(text, start, contentEnd)) {
        nonBlank++;
        if (first < 0) first = start;
        lastStart = start;
        lastEnd = contentEnd;
      }
      if (nl < 0) break;
      start = nl + 1;
    }
    if (spec.complete() != null) {
      String lastLine = lastStart < 0 ? "" : text.substring(lastStart, lastEnd).strip();
      if (!BoundedRegex.find(spec.complete(), lastLine)) {
        throw new CollectException(FailureKind.INCOMPLETE, device + ": " + name + " incomplete: it ends with \""
            + shorten(lastLine) + "\", not a line matching " + spec.complete().pattern()
            + "; previous version kept");
      }
    }
    if (!spec.structure().isEmpty()) {
      for (Structure check : spec.structure()) {
        String problem = check.problem(text);
        if (problem != null) {
          throw new CollectException(FailureKind.INCOMPLETE, device + ": " + name + " incomplete: " + problem
              + "; previous version kept");
        }
      }
    }
    if (nonBlank < spec.minLines()) {
      throw new CollectException(FailureKind.INCOMPLETE, device + ": " + name + " incomplete: " + nonBlank
          + " lines, a complete one has at least " + spec.minLines() + "; previous version kept");
    }
    if (first < 0) return "";
    String body = text.substring(first, lastEnd);
    return (body.indexOf('\r') < 0 ? body : body.replace("\r\n", "\n")) + "\n";
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) return false;
    }
    return true;
  }

  /** The command {@code spec} starts with, when its first source is a command (null when not, or unresolved). */
  private static String firstCommand(ArtifactSpec spec, Map<String, String> vars, String device) {
    ArtifactSpec.Source first = spec.sources().isEmpty() ? null : spec.sources().getFirst();
    if (first == null || !first.kind().equals("command")) return null;
    try {
      return substitute(first.target(), vars, device, spec);
    } catch (CollectException e) {
      return null; // the artifact reports it in its turn
    }
  }

  private static String substitute(String text, Map<String, String> vars, String device, ArtifactSpec spec)
      throws CollectException {
    Matcher m = VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      if (value == null) {
        throw new CollectException(FailureKind.MODEL, device + ": " + spec.name() + ": no value for ${"
            + m.group(1) + "}; add it to the model's vars or the device's vars");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
