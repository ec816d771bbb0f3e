package org.attune.core.decisioning.engine;

import java.util.List;
import java.util.TreeSet;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.training.ModelRecommender;

/**
 * Names the models behind an answer with the versions serving now, as reports group them:
 * {@code id@version}, several sorted and joined with {@code +}; a model not serving is named
 * without a version. Thread-safe.
 */
final class ModelVersions {
    private final ModelRecommender models;

    ModelVersions(ModelRecommender models) {
        this.models = models;
    }

    /** The models the sources of these strategies read. */
    String label(DecisioningDefinitions.Compiled compiled, List<String> strategies) {
        TreeSet<String> names = new TreeSet<>();
        for (String id : strategies) {
            Definitions.Strategy strategy = compiled.strategies().get(id);
            if (strategy == null) {
                continue;
            }
            for (Definitions.Source source : strategy.sources()) {
                if (source.model() != null) {
                    names.add(label(source.model()));
                }
            }
        }
        return String.join("+", names);
    }

    /** One model with its serving version. */
    String label(String model) {
        java.util.OptionalInt version = models.servingVersion(model);
        return version.isPresent() ? model + "@" + version.getAsInt() : model;
    }
}
