package org.attune.server.http;

import java.util.Optional;
import org.attune.core.model.StoredModel;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.training.ModelTraining;
import org.attune.core.validation.ConflictException;

/**
 * Stopping a model by hand, as the API and the studio both do it: a model that serves a
 * catalog's personalization setup is not stopped this way (the setup is deactivated instead).
 */
public final class ModelStops {
    private ModelStops() {
    }

    /** Why the model must not be stopped by hand, or empty when it may be. */
    public static Optional<String> refusal(PersonalizationSetups setups, String modelId) {
        return setups.holding(modelId).map(setup -> "Model '" + modelId + "' serves the personalization setup of"
                + " catalog '" + setup.catalog() + "' (" + setup.status().jsonName() + "); deactivate the setup"
                + " instead: POST /v1/catalogs/" + setup.catalog() + "/personalization/deactivate");
    }

    /**
     * Stops a provisioning or running model (back to draft).
     *
     * @throws ConflictException {@code model_in_setup} with the {@link #refusal}, or
     *     {@code model_not_running}
     */
    public static StoredModel stop(ModelTraining training, PersonalizationSetups setups, String modelId) {
        refusal(setups, modelId).ifPresent(reason -> {
            throw new ConflictException("model_in_setup", reason);
        });
        return training.stop(modelId);
    }
}
