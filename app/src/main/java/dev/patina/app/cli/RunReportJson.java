package dev.patina.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.patina.app.run.DeviceResult;
import dev.patina.app.run.RunResult;
import dev.patina.diff.TextDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON run report ({@code --report FILE}) for monitoring: counts, per-device outcome, commit. */
final class RunReportJson {
  private RunReportJson() {}

  static void write(RunResult run, Path file) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("trigger", run.trigger());
    root.put("started", run.started().toString());
    root.put("seconds", run.took().toMillis() / 1000.0);
    root.put("commit", run.commitId().orElse(null));
    root.put("changed", run.changed().size());
    root.put("failed", run.failed().size());
    root.put("unchanged", run.unchangedCount());
    List<Map<String, Object>> devices = new ArrayList<>();
    for (DeviceResult r : run.devices()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", r.device().name());
      d.put("seconds", r.took().toMillis() / 1000.0);
      switch (r) {
        case DeviceResult.Changed c -> {
          d.put("status", c.isNew() ? "new" : "changed");
          List<Map<String, Object>> files = new ArrayList<>();
          for (TextDiff t : c.diffs()) files.add(Map.of("path", t.path(), "added", t.added(), "removed", t.removed()));
          d.put("diffs", files);
        }
        case DeviceResult.Unchanged u -> d.put("status", "unchanged");
        case DeviceResult.Failed f -> {
          d.put("status", "failed");
          d.put("kind", f.kind().label());
          d.put("reason", f.reason());
        }
      }
      devices.add(d);
    }
    root.put("devices", devices);
    root.put("events", run.events());
    // whole or not at all; a device node (--report /dev/stdout) is written through, never replaced
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    dev.patina.files.SafeFile.write(file, out -> json.writeValue(out, root), "the run report", null);
  }
}
