package org.attune.core.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.PersonRows;
import org.attune.core.model.Signal;
import org.attune.core.model.TrainedModel;

/**
 * A model version loaded for serving: its definition (for the signal weights requests apply
 * to a person's recent events), the rows of the people it was trained on, its kind (for what a request needs of it: the decay of a
 * person's events, why a product matched), its description and the trained scorer with an
 * index from product id to the scorer's product index. Immutable but for the instances of
 * equal ids ({@link #adoptCatalogId}), which readers may see in either form.
 */
public final class ServedModel {
    private final ModelDefinition definition;
    private final ModelKind<?> kind;
    private final double recencyHalfLifeMillis;
    private final ModelVersion version;
    private final TrainedModel trained;
    private final PersonRows rows;
    private final ProductIndex index;
    /** Equal to the trained ids; an entry may be swapped for the catalog's instance of its text. */
    private final String[] catalogIds;
    private final Map<String, Double> weightByEventType = new HashMap<>();

    ServedModel(ModelDefinition definition, ModelVersion version, TrainedModel trained, PersonRows rows,
                ModelKinds kinds) {
        this.definition = definition;
        this.rows = rows;
        this.kind = kinds.get(definition.kind());
        this.recencyHalfLifeMillis = kinds.recencyHalfLifeDays(definition) * 86_400_000;
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

    /** The people the version was trained on, each with their interactions as the training read them. */
    public PersonRows rows() {
        return rows;
    }

    /** The log position through which the version's training read events: later events are news to it. */
    public long trainedThroughSeq() {
        return version.data() == null ? Long.MAX_VALUE : version.data().throughSeq();
    }

    /**
     * The half-life in milliseconds with which a person's recent events count less by age;
     * infinite when the kind counts them fully.
     */
    public double recencyHalfLifeMillis() {
        return recencyHalfLifeMillis;
    }

    /**
     * Why the product (an index of the scorer) suits a person with these products, as the kind
     * tells it (an affinity model's shared attribute values); empty for most kinds.
     */
    public List<String> matchedValues(int product, int[] items, int count) {
        return kind.matchedValues(trained.scorer(), product, items, count);
    }

    /**
     * How the version knows the product (an index of the scorer), for kinds that give products
     * profile states; null for kinds that give none.
     */
    public ModelKind.ProductState productState(int product) {
        return kind.productState(trained.scorer(), product);
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
