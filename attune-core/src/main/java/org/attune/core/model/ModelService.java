package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.NotFoundException;

/**
 * Defines models: create, read, change and delete them while they are drafts (or failed).
 * Every definition is validated completely before anything is stored. Thread-safe.
 */
public final class ModelService {
    private final ModelStore store;
    private final ModelDefinitionReader reader;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param catalogExists whether a catalog id is known (a model must name an existing catalog)
     * @param kinds the kinds a model may be of
     */
    public ModelService(ModelStore store, Predicate<String> catalogExists, ModelKinds kinds, Clock clock) {
        this.store = store;
        this.reader = new ModelDefinitionReader(catalogExists, kinds);
        this.clock = clock;
    }

    /** Validates and stores a new draft. */
    public StoredModel create(JsonNode definition) {
        ModelDefinition read = reader.read(definition);
        Instant now = now();
        byte[] id = new byte[8];
        random.nextBytes(id);
        StoredModel model = new StoredModel("mdl_" + HexFormat.of().formatHex(id), read, ModelStatus.DRAFT, null, null,
                now, now);
        store.put(model);
        return model;
    }

    /** @throws NotFoundException for an unknown id */
    public StoredModel get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("model_not_found", "No model with id '" + id
                + "'"));
    }

    public List<StoredModel> list() {
        return store.list();
    }

    /**
     * Replaces the definition of a draft (or failed) model.
     *
     * @throws ConflictException when the model is provisioning or running
     */
    public synchronized StoredModel update(String id, JsonNode definition) {
        StoredModel existing = editable(id, "changed");
        ModelDefinition read = reader.read(definition);
        StoredModel updated = new StoredModel(id, read, ModelStatus.DRAFT, null, existing.activeVersion(),
                existing.createdAt(), now());
        store.put(updated);
        return updated;
    }

    /** @throws ConflictException when the model is provisioning or running */
    public synchronized StoredModel delete(String id) {
        StoredModel existing = editable(id, "deleted");
        store.delete(id);
        return existing;
    }

    /**
     * Moves a draft or failed model to provisioning, for its initial training.
     *
     * @throws ConflictException when it is provisioning or running already
     */
    public synchronized StoredModel startProvisioning(String id) {
        StoredModel existing = get(id);
        if (!existing.status().editable()) {
            throw new ConflictException("model_not_provisionable", "Model '" + id + "' is "
                    + existing.status().jsonName() + " already; stop it first to provision it again");
        }
        return save(existing.with(ModelStatus.PROVISIONING, null, existing.activeVersion(), now()));
    }

    /**
     * Records a finished training: a provisioning model starts running on {@code version};
     * a running one switches to it. Returns false (changing nothing) when the model was
     * stopped or deleted meanwhile, so the version must not serve.
     */
    public synchronized boolean trained(String id, int version) {
        Optional<StoredModel> existing = store.find(id);
        if (existing.isEmpty() || !existing.get().status().trains()) {
            return false;
        }
        save(existing.get().with(ModelStatus.RUNNING, null, version, now()));
        return true;
    }

    /**
     * Records a failed training: a provisioning model becomes failed with the reason; a
     * running one keeps running on its active version, with the reason shown.
     */
    public synchronized void trainingFailed(String id, String reason) {
        Optional<StoredModel> existing = store.find(id);
        if (existing.isEmpty() || !existing.get().status().trains()) {
            return;
        }
        StoredModel model = existing.get();
        save(model.with(model.status() == ModelStatus.RUNNING ? ModelStatus.RUNNING : ModelStatus.FAILED, reason,
                model.activeVersion(), now()));
    }

    /**
     * Returns a provisioning or running model to draft: it stops serving and can be edited.
     *
     * @throws ConflictException when it is a draft or failed already
     */
    public synchronized StoredModel stop(String id) {
        StoredModel existing = get(id);
        if (!existing.status().trains()) {
            throw new ConflictException("model_not_running", "Model '" + id + "' is " + existing.status().jsonName()
                    + "; only a provisioning or running model can be stopped");
        }
        return save(existing.with(ModelStatus.DRAFT, null, existing.activeVersion(), now()));
    }

    /**
     * Makes another version of a running model the active one.
     *
     * @throws ConflictException when the model is not running
     */
    public synchronized StoredModel activate(String id, int version) {
        StoredModel existing = get(id);
        if (existing.status() != ModelStatus.RUNNING) {
            throw new ConflictException("model_not_running", "Model '" + id + "' is " + existing.status().jsonName()
                    + "; only a running model can switch versions");
        }
        return save(existing.with(ModelStatus.RUNNING, existing.failure(), version, now()));
    }

    private StoredModel save(StoredModel model) {
        store.put(model);
        return model;
    }

    /** Microseconds, the precision stores keep, so that an answer reads the same after a restart. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private StoredModel editable(String id, String what) {
        StoredModel existing = get(id);
        if (!existing.status().editable()) {
            throw new ConflictException("model_not_editable", "Model '" + id + "' is "
                    + existing.status().jsonName() + "; only a draft or failed model can be " + what
                    + " (stop it first)");
        }
        return existing;
    }
}
