package dev.patina.collector;

import dev.patina.collector.FailureKind;
import dev.patina.collector.ssh.ShellSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import dev.patina.collector.state.BondingParser;
import dev.patina.collector.state.KeepalivedParser;
import dev.patina.collector.state.StateParseException;
import dev.patina.collector.state.VrrpState;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.xfer.InMemoryDestFile;

/** The sources every model can use: {@code command}, {@code file} (SFTP, else cat), {@code scp}, {@code sysctl}, {@code netconf}. */
final class BuiltInSources {
  private BuiltInSources() {}

  static Map<String, ArtifactSource> all() {
    Map<String, ArtifactSource> m = new LinkedHashMap<>();
    m.put("command", BuiltInSources::command);
    m.put("file", BuiltInSources::file);
    m.put("scp", BuiltInSources::scp);
    m.put("sysctl", BuiltInSources::sysctl);
    m.put("netconf", new NetconfSource());
    m.put("bonding", BuiltInSources::bonding);
    m.put("vrrp", BuiltInSources::vrrp);
    return m;
  }

  /** {@code /proc/net/bonding/*} files parsed into bonding state documents. */
  static Map<String, String> bonding(DeviceSession s, String glob) throws CollectException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> f : file(s, glob).entrySet()) {
      String bond = f.getKey().isEmpty() ? glob.substring(glob.lastIndexOf('/') + 1) : f.getKey();
      try {
        out.put(f.getKey(), BondingParser.parse(bond, f.getValue()));
      } catch (StateParseException e) {
        throw new CollectException(FailureKind.PROTOCOL, s.target().name() + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * keepalived's VRRP instances with their current role: the config file parsed, and where the
   * host holds the virtual addresses ({@code ip -o addr show}); without {@code ip} the role is unknown.
   */
  static Map<String, String> vrrp(DeviceSession s, String keepalivedConf) throws CollectException {
    Map<String, String> conf = file(s, keepalivedConf);
    if (conf.isEmpty()) return Map.of();
    String ipAddr;
    try {
      ipAddr = s.ssh().exec(s.vars().getOrDefault("ip-addr", "ip -o addr show"));
    } catch (CollectException e) {
      if (e.kind() != FailureKind.COMMAND_FAILED) throw e;
      s.note("state/vrrp: `ip -o addr show` failed, VRRP roles unknown: " + e.getMessage());
      ipAddr = null;
    }
    try {
      return Map.of("", VrrpState.document(KeepalivedParser.parse(conf.values().iterator().next()), ipAddr));
    } catch (StateParseException e) {
      throw new CollectException(FailureKind.PROTOCOL, s.target().name() + ": " + keepalivedConf + ": " + e.getMessage());
    }
  }

  /** A CLI command: over the logged-in shell, or one exec channel for exec models. */
  static Map<String, String> command(DeviceSession s, String command) throws CollectException {
    if (s.model().session() == Model.Session.EXEC) {
      return Map.of("", s.ssh().exec(command));
    }
    ShellSession.Reply reply = s.shell().run(command);
    String error = Collector.rejected(s.model(), reply.lines());
    if (error != null) {
      throw new CollectException(FailureKind.COMMAND_FAILED, s.target().name() + ": \"" + command
          + "\" rejected: " + error.strip());
    }
    return Map.of("", String.join("\n", reply.lines()));
  }

  /** A file, or every file matching a glob in its last component; SFTP first, then {@code cat}. */
  static Map<String, String> file(DeviceSession s, String path) throws CollectException {
    int slash = path.lastIndexOf('/');
    String dir = slash <= 0 ? "/" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    boolean glob = name.contains("*") || name.contains("?") || name.contains("[");
    try (SFTPClient sftp = s.ssh().sftp()) {
      Map<String, String> out = new LinkedHashMap<>();
      if (!glob) {
        String text = sftpRead(sftp, path);
        if (text != null) {
          out.put("", text);
        }
        return out;
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
      List<RemoteResourceInfo> entries;
      try {
        entries = sftp.ls(dir);
      } catch (SFTPException e) {
        if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
          return out;
        }
        throw e;
      }
      for (RemoteResourceInfo e : entries.stream()
          .sorted(java.util.Comparator.comparing(RemoteResourceInfo::getName)).toList()) {
        if (!e.isDirectory() && matcher.matches(Paths.get(e.getName()))) {
          String text = sftpRead(sftp, dir + "/" + e.getName());
          if (text != null) {
            out.put(e.getName(), text);
          }
        }
      }
      return out;
    } catch (IOException sftpFailed) {
      s.note("SFTP unavailable (" + sftpFailed.getMessage() + "), reading " + path + " with cat");
      return catFiles(s, dir, name, glob);
    }
  }

  private static String sftpRead(SFTPClient sftp, String path) throws IOException {
    if (sftp.statExistence(path) == null) {
      return null;
    }
    try (RemoteFile f = sftp.open(path); InputStream in = f.new RemoteFileInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> catFiles(DeviceSession s, String dir, String name, boolean glob)
      throws CollectException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!glob) {
      String text = cat(s, dir + "/" + name);
      if (text != null) {
        out.put("", text);
      }
      return out;
    }
    String listing;
    try {
      listing = s.ssh().exec("ls -1 " + quote(dir));
    } catch (CollectException e) {
      if (e.kind() == FailureKind.COMMAND_FAILED) {
        return out;
      }
      throw e;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    for (String file : listing.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList()) {
      if (matcher.matches(Paths.get(file))) {
        String text = cat(s, dir + "/" + file);
        if (text != null) {
          out.put(file, text);
        }
      }
    }
    return out;
  }

  private static String cat(DeviceSession s, String path) throws CollectException {
    try {
      return s.ssh().exec("cat " + quote(path));
    } catch (CollectException e) {
      if (e.kind() == FailureKind.COMMAND_FAILED && e.getMessage().contains("No such file")) {
        return null;
      }
      throw e;
    }
  }

  private static String quote(String path) {
    return "'" + path.replace("'", "'\\''") + "'";
  }

  /** Kernel settings by name ("net.ipv4.ip_forward ..."), read from /proc/sys, as "name = value" lines. */
  static Map<String, String> sysctl(DeviceSession s, String names) throws CollectException {
    StringBuilder out = new StringBuilder();
    for (String key : names.trim().split("\\s+")) {
      Map<String, String> value = file(s, "/proc/sys/" + key.replace('.', '/'));
      if (value.containsKey("")) {
        out.append(key).append(" = ").append(value.get("").strip()).append('\n');
      }
    }
    return out.isEmpty() ? Map.of() : Map.of("", out.toString());
  }

  /** A file copied over SCP (ProCurve's cfg/running-config). */
  static Map<String, String> scp(DeviceSession s, String path) throws CollectException {
    Memory memory = new Memory();
    try {
      s.ssh().client().newSCPFileTransfer().download(path, memory);
    } catch (IOException e) {
      throw new CollectException(FailureKind.COMMAND_FAILED, s.target().name() + ": SCP of " + path
          + " failed: " + e.getMessage(), e);
    }
    return Map.of("", memory.out.toString(StandardCharsets.UTF_8));
  }

  /** An SCP download target in memory. */
  private static final class Memory extends InMemoryDestFile {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    public long getLength() {
      return out.size();
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public OutputStream getOutputStream(boolean append) {
      return out;
    }
  }
}
