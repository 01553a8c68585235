package dev.patina.app;

import dev.patina.app.run.DeviceBackup;
import dev.patina.app.run.RunPipeline;
import dev.patina.collector.Collector;
import dev.patina.collector.HostKeyStore;
import dev.patina.collector.Model;
import dev.patina.collector.ModelException;
import dev.patina.collector.ModelRegistry;
import dev.patina.diff.Normalizer;
import dev.patina.diff.SecretMasker;
import dev.patina.inventory.ConfigException;
import dev.patina.inventory.Inventory;
import dev.patina.inventory.InventoryLoader;
import dev.patina.inventory.ServiceConfig;
import dev.patina.inventory.ServiceConfigLoader;
import dev.patina.store.RepoStore;
import dev.patina.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a command needs, loaded once from {@code patina.yaml}: service settings, models,
 * inventory, the secret key, host keys and (opened on first use) the repository.
 */
public final class Patina implements AutoCloseable {
  private final ServiceConfig config;
  private final ModelRegistry models;
  private final Inventory inventory;
  private RepoStore store;

  private Patina(ServiceConfig config, ModelRegistry models, Inventory inventory) {
    this.config = config;
    this.models = models;
    this.inventory = inventory;
  }

  /**
   * Loads the service config ({@code configFile}, else {@code ./patina.yaml} when present, else
   * defaults for the current folder), then the models and the inventory it names.
   */
  public static Patina load(Path configFile) throws ConfigException, ModelException {
    ServiceConfig config = serviceConfig(configFile);
    ModelRegistry models = ModelRegistry.load(config.modelsDir());
    Inventory inventory = new InventoryLoader(models.all().stream().map(Model::name).toList(), System::getenv)
        .load(config.inventory());
    return new Patina(config, models, inventory);
  }

  /** Only the service config and the models: for commands that do not need the inventory. */
  public static ServiceConfig serviceConfig(Path configFile) throws ConfigException {
    if (configFile != null) return new ServiceConfigLoader().load(configFile);
    Path here = Path.of("patina.yaml");
    if (Files.isRegularFile(here)) return new ServiceConfigLoader().load(here);
    return ServiceConfigLoader.defaults(Path.of("").toAbsolutePath());
  }

  public ServiceConfig config() {
    return config;
  }

  public ModelRegistry models() {
    return models;
  }

  public Inventory inventory() {
    return inventory;
  }

  /** The repository, created on first use. */
  public synchronized RepoStore store() throws StoreException {
    if (store == null) store = RepoStore.open(config.repository());
    return store;
  }

  public HostKeyStore hostKeys() {
    return new HostKeyStore(config.knownHosts());
  }

  /** The per-device chain (collect, clean, compare), with the secret key created on first use. */
  private DeviceBackup deviceBackup() throws IOException {
    SecretMasker masker = SecretMasker.loadOrCreate(config.secretKeyFile());
    Collector collector = new Collector(models, hostKeys(), config.timeouts()); // SNMP and NETCONF built in
    return new DeviceBackup(collector, new Normalizer(masker), 1, Duration.ofSeconds(2));
  }

  /** The run pipeline for a process that makes one run at a time ({@code run}, {@code backup}). */
  public RunPipeline pipeline() throws IOException, StoreException {
    return pipeline(RunPipeline.Shared.of(config.concurrency()));
  }

  /** The run pipeline sharing slots, commit lock and stop request with the other runs of this process. */
  public RunPipeline pipeline(RunPipeline.Shared shared) throws IOException, StoreException {
    return new RunPipeline(deviceBackup(), store(), shared, config.timeouts().device(), config.push(), config.mail(),
        config.outbox());
  }

  @Override
  public synchronized void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
