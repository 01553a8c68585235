package dev.patina.app.cli;

import dev.patina.app.Main;
import dev.patina.app.Patina;
import dev.patina.diff.CredentialDetector;
import dev.patina.inventory.ServiceConfig;
import dev.patina.store.RepoStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patina secrets audit [--history]}: credentials stored in clear by an older release, never their values. */
@Command(name = "secrets", description = "Secret tools.", subcommands = SecretsCommand.Audit.class)
public final class SecretsCommand {
  @ParentCommand Main main;

  /** Scans HEAD, or every commit, with the credential detector; exit 1 when something is found. */
  @Command(name = "audit", description = "List credentials stored unmasked in the repository (device, artifact, "
      + "commit, line; never the value). Exit 1 when there is any.")
  public static final class Audit implements Callable<Integer> {
    @ParentCommand private SecretsCommand parent;

    @Option(names = "--history", description = "scan every commit, not only the latest")
    private boolean history;

    /** One unmasked credential: where it is and the line's shape with the value left out. */
    record Leak(String device, String artifact, String commit, int line, String shape) {}

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      ServiceConfig config = Patina.serviceConfig(parent.main.config());
      try (RepoStore store = RepoStore.open(config.repository())) {
        int[] versions = new int[1];
        List<Leak> leaks = audit(store.repository(), history, ShownText.of(parent.main.config(), config), versions);
        for (Leak l : leaks) {
          out.println(l.device() + "  " + l.artifact() + ":" + l.line() + "  commit " + l.commit() + "  " + l.shape());
        }
        String scope = history ? "every commit" : "HEAD";
        if (leaks.isEmpty()) {
          out.println("no unmasked credential in " + versions[0] + " stored versions (" + scope + ")");
          return Main.OK;
        }
        out.println(leaks.size() + " unmasked credential line(s) in " + scope + " (" + versions[0]
            + " stored versions scanned). Rotate each credential listed: it has been readable by everyone who "
            + "can read the repository. The next backup stores it masked; old commits keep it (README, Secrets).");
        return Main.FAILED;
      }
    }

    /**
     * Every stored version ({@code devices/DEVICE/ARTIFACT} blob) reachable from HEAD, or only
     * HEAD's, scanned once each, oldest commit first so a leak is reported at the commit that
     * stored it.
     */
    static List<Leak> audit(Repository repo, boolean history, ShownText models, int[] versions)
        throws java.io.IOException {
      List<Leak> leaks = new ArrayList<>();
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null) return leaks;
      CredentialDetector detector = CredentialDetector.standard();
      Set<ObjectId> seen = new HashSet<>();
      try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
        List<RevCommit> commits = new ArrayList<>();
        if (history) {
          walk.sort(RevSort.TOPO);
          walk.sort(RevSort.REVERSE, true);
          walk.markStart(walk.parseCommit(head));
          for (RevCommit c : walk) commits.add(c);
        } else {
          commits.add(walk.parseCommit(head));
        }
        for (RevCommit c : commits) {
          try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create("devices"));
            while (tw.next()) {
              ObjectId blob = tw.getObjectId(0);
              if (!seen.add(blob)) continue;
              versions[0]++;
              String path = tw.getPathString(); // devices/DEVICE/ARTIFACT...
              int slash = path.indexOf('/', "devices/".length());
              if (slash < 0) continue;
              String text = new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
              String device = path.substring("devices/".length(), slash);
              String artifact = path.substring(slash + 1);
              List<CredentialDetector.Finding> found;
              try {
                found = detector.unmasked(text, models.rules(device, artifact));
              } catch (RuntimeException bug) {
                found = List.of(new CredentialDetector.Finding(0, "(the detector failed on this version: a bug in "
                    + "Patina, please report it with the platform; check this artifact by hand)"));
              }
              for (CredentialDetector.Finding f : found) {
                leaks.add(new Leak(device, artifact, c.abbreviate(8).name(), f.line(), f.shape()));
              }
            }
          }
        }
      }
      return leaks;
    }
  }
}
