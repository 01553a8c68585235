package dev.patina.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The built-in models (resources/models, listed in models/index.txt) plus a user folder that adds or overrides. */
public final class ModelRegistry {
  private static final String INDEX = "/models/index.txt";
  private final Map<String, Model> models;

  private ModelRegistry(Map<String, Model> models) {
    this.models = Map.copyOf(models);
  }

  /** A registry of exactly these models (embedding, tests). */
  static ModelRegistry of(Collection<Model> models) {
    Map<String, Model> byName = new TreeMap<>();
    models.forEach(m -> byName.put(m.name(), m));
    return new ModelRegistry(byName);
  }

  /** Loads the built-in models and then {@code userDir}'s *.yaml files (nullable dir); errors name file:line. */
  public static ModelRegistry load(Path userDir) throws ModelException {
    Map<String, Model> all = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String name : builtInNames()) {
      String text = resource("/models/" + name + ".yaml");
      try {
        all.put(name, ModelParser.parse(name + ".yaml", name, "built-in", text));
      } catch (ModelException e) {
        problems.addAll(e.problems());
      }
    }
    if (userDir != null) {
      if (!Files.isDirectory(userDir)) {
        throw new ModelException(List.of(userDir + ": models folder not found; create it or remove the setting"));
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(userDir, "*.{yaml,yml}")) {
        for (Path f : files) {
          String base = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
          try {
            all.put(base, ModelParser.parse(f.toString(), base, f.toString(), Files.readString(f)));
          } catch (ModelException e) {
            problems.addAll(e.problems());
          } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(f + ": not UTF-8 text; save it as UTF-8 (the other models were checked too)");
          } catch (IOException e) {
            problems.add(f + ": cannot read: " + e.getMessage());
          }
        }
      } catch (IOException e) {
        problems.add(userDir + ": cannot read the models folder: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelException(problems);
    }
    return new ModelRegistry(all);
  }

  /** The model called {@code name}. */
  public Optional<Model> find(String name) {
    return Optional.ofNullable(models.get(name));
  }

  /**
   * The model whose {@code match} fits a device best: a sysDescr fragment found in the
   * description outweighs any sysObjectID prefix; among equals the longer prefix wins.
   */
  public Optional<Model> match(String sysObjectID, String sysDescr) {
    Model best = null;
    int bestScore = 0;
    for (Model m : all()) {
      int score = 0;
      for (String prefix : m.match().getOrDefault("sysObjectID", List.of())) {
        if (sysObjectID != null && sysObjectID.startsWith(prefix)) {
          score = Math.max(score, prefix.length());
        }
      }
      for (String fragment : m.match().getOrDefault("sysDescr", List.of())) {
        if (sysDescr != null && sysDescr.contains(fragment)) {
          score += 1000;
          break;
        }
      }
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every model, sorted by name. */
  public Collection<Model> all() {
    return new TreeMap<>(models).values();
  }

  private static List<String> builtInNames() {
    return resource(INDEX).lines().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  private static String resource(String path) {
    try (InputStream in = ModelRegistry.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("built-in model resource missing: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read built-in model resource " + path, e);
    }
  }
}
