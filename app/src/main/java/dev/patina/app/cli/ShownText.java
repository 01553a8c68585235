package dev.patina.app.cli;

import dev.patina.app.Patina;
import dev.patina.collector.Model;
import dev.patina.diff.CleanupRules;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import dev.patina.inventory.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Stored text on its way to a person ({@code patina diff}, {@code show}, {@code log -p}): it
 * passes the credential detector again, so a version stored by an older release, before the
 * detector knew a form, never prints that value. With the service's key, a value masked now
 * gets the tag it has in newer versions; without a key file, a key of this process only. What
 * the device's model declares is not a secret stays as stored.
 */
public final class ShownText {
  private final Normalizer normalizer;
  private final Patina patina; // null when the inventory or models do not load: the detector alone

  private ShownText(Normalizer normalizer, Patina patina) {
    this.normalizer = normalizer;
    this.patina = patina;
  }

  public static ShownText of(Path configFile, ServiceConfig config) throws IOException {
    SecretMasker masker;
    if (config.secretKeyFile() != null && Files.exists(config.secretKeyFile())) {
      masker = SecretMasker.loadOrCreate(config.secretKeyFile());
    } else {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      masker = SecretMasker.withKey(key);
    }
    Patina patina;
    try {
      patina = Patina.load(configFile);
    } catch (Exception unreadable) {
      patina = null; // a broken devices.yaml must not stop anyone reading history
    }
    return new ShownText(new Normalizer(masker), patina);
  }

  /** {@code text} of a device's artifact with every credential masked; null stays null. */
  public String of(String device, String artifact, String text) {
    return text == null ? null : normalizer.mask(text, rules(device, artifact), device);
  }

  /** The not-secret patterns of the device's model for that artifact (none when unknown). */
  CleanupRules rules(String device, String artifact) {
    if (patina == null) return CleanupRules.none();
    Model model = patina.inventory().device(device).flatMap(d -> patina.models().find(d.model())).orElse(null);
    if (model == null) return CleanupRules.none();
    CleanupRules r = model.cleanupFor(artifact);
    return r.notSecrets().isEmpty() ? CleanupRules.none() : new CleanupRules(java.util.List.of(), java.util.List.of(),
        r.notSecrets());
  }
}
