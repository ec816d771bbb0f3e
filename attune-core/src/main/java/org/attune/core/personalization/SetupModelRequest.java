package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.attune.core.json.Json;
import org.attune.core.validation.InvalidInputException;

/**
 * The model a setup request asks for: its {@code kind}, and optional {@code signals} and
 * {@code params}; signals default to views, carts and purchases of the event's products.
 */
final class SetupModelRequest {

    private SetupModelRequest() {
    }

    /**
     * The request's model kind.
     *
     * @throws InvalidInputException without a textual kind
     */
    static String kind(JsonNode request) {
        JsonNode kind = request.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new InvalidInputException("invalid_request", "kind is required: the model kind to personalize"
                    + " with (see GET /v1/models/kinds), e.g. affinity");
        }
        return kind.asText();
    }

    /** The definition of the setup's model, as the model API takes it. */
    static ObjectNode definition(String catalog, String kind, JsonNode request) {
        ObjectNode definition = Json.MAPPER.createObjectNode().put("name", "Personalization of " + catalog)
                .put("catalog", catalog).put("kind", kind);
        definition.set("signals", request.has("signals") ? request.get("signals") : defaultSignals());
        definition.set("params", request.has("params") ? request.get("params") : Json.MAPPER.createObjectNode());
        return definition;
    }

    /** View, add to cart and purchase on the event's own products, purchases weighing most. */
    static ArrayNode defaultSignals() {
        ArrayNode signals = Json.MAPPER.createArrayNode();
        signals.addObject().put("name", "views").put("eventType", "view").put("productIdPath", "itemIds[*]")
                .put("weight", 1);
        signals.addObject().put("name", "carts").put("eventType", "add_to_cart").put("productIdPath", "itemIds[*]")
                .put("weight", 4);
        signals.addObject().put("name", "purchases").put("eventType", "purchase").put("productIdPath", "itemIds[*]")
                .put("weight", 8);
        return signals;
    }
}
