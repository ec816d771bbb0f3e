package org.attune.core.training;

import java.util.HashMap;
import java.util.Map;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.Signal;
import org.attune.core.model.TrainedModel;

/**
 * A model version loaded for serving: its definition (for the signal weights requests apply
 * to a person's recent events), its description and the trained scorer with an index from
 * product id to the scorer's product index. Immutable but for the instances of equal ids
 * ({@link #adoptCatalogId}), which readers may see in either form.
 */
public final class ServedModel {
    private final ModelDefinition definition;
    private final ModelVersion version;
    private final TrainedModel trained;
    private final ProductIndex index;
    /** Equal to the trained ids; an entry may be swapped for the catalog's instance of its text. */
    private final String[] catalogIds;
    private final Map<String, Double> weightByEventType = new HashMap<>();

    ServedModel(ModelDefinition definition, ModelVersion version, TrainedModel trained) {
        this.definition = definition;
        this.version = version;
        this.trained = trained;
        for (Signal signal : definition.signals()) {
            weightByEventType.merge(signal.eventType(), signal.weight(), Double::sum);
        }
        this.index = new ProductIndex(trained.productIds());
        this.catalogIds = trained.productIds().clone();
    }

    public ModelDefinition definition() {
        return definition;
    }

    public ModelVersion version() {
        return version;
    }

    public TrainedModel trained() {
        return trained;
    }

    /** The summed weight of the signals reading events of this type; 0 when none does. */
    public double eventWeight(String eventType) {
        return weightByEventType.getOrDefault(eventType, 0.0);
    }

    /** The scorer's index of a product, or -1 when the version does not know it. */
    public int indexOf(String productId) {
        return index.indexOf(productId);
    }

    /** The product's id, the catalog's own instance of it once {@link #adoptCatalogId} has seen it. */
    public String productId(int index) {
        return catalogIds[index];
    }

    /**
     * Answers the product's id with the catalog's instance of the same text from now on, so
     * that looking the product up in the catalog compares references instead of characters
     * (the model's ids were read from its artifact or the event log, the catalog's from the
     * catalog). An id of another text is ignored.
     */
    public void adoptCatalogId(int index, String catalogId) {
        if (catalogIds[index] != catalogId && catalogIds[index].equals(catalogId)) {
            catalogIds[index] = catalogId;
        }
    }
}
