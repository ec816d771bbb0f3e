package org.attune.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.attune.core.json.Json;

/**
 * What a model is, as its owner defines it: a name, the catalog it recommends from, its kind,
 * the signals it reads behaviour with, and the kind's params. Validated by
 * {@link ModelDefinitionReader}; immutable.
 *
 * @param name display name
 * @param catalog the catalog id
 * @param kind the name of a kind of {@link ModelKinds}
 * @param signals at least one, names unique
 * @param params the kind's params, defaults filled in
 */
public record ModelDefinition(String name, String catalog, String kind, List<Signal> signals, ModelParams params) {

    public ModelDefinition {
        signals = List.copyOf(signals);
    }

    /** The definition as the API shows it (and as {@link ModelDefinitionReader} reads it back). */
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("name", name).put("catalog", catalog).put("kind", kind);
        ArrayNode list = json.putArray("signals");
        for (Signal signal : signals) {
            ObjectNode s = list.addObject().put("name", signal.name()).put("eventType", signal.eventType())
                    .put("productIdPath", signal.productIds().text()).put("weight", signal.weight());
            if (signal.value() != null) {
                s.put("valuePath", signal.value().text());
            }
        }
        json.set("params", Json.MAPPER.valueToTree(params));
        return json;
    }
}
