package dev.patina.collector.files;

import dev.patina.collector.ArtifactSource;
import dev.patina.collector.CollectException;
import dev.patina.collector.FailureKind;
import dev.patina.collector.DeviceSession;
import java.io.IOException;
import java.io.InputStream;
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
import net.schmizz.sshj.sftp.SFTPException;

/**
 * The {@code file:} source: a file, or every file matching a glob in its last component, read
 * over SFTP, else with {@code cat} over an exec channel. The state sources read their files with it.
 */
public final class FileSource implements ArtifactSource {
  @Override
  public Map<String, String> read(DeviceSession s, String path) throws CollectException {
    return file(s, path);
  }

  /** A file, or every file matching a glob in its last component; SFTP first, then {@code cat}. */
  public static Map<String, String> file(DeviceSession s, String path) throws CollectException {
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
      return dev.patina.files.RawText.decode(in.readAllBytes()); // a Latin-1 file comes back byte for byte
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
}
