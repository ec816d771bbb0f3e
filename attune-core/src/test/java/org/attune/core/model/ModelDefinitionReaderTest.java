package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.model.cooccurrence.CoOccurrenceParams;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;

class ModelDefinitionReaderTest {
    private final ModelDefinitionReader reader = new ModelDefinitionReader("shop"::equals, BuiltInKinds.ALL);

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void readsSignalsAndFillsInTheKindsDefaults() throws Exception {
        ModelDefinition model = reader.read(json("""
                {"name": "Bought together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "purchases", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                              "weight": 8, "valuePath": "properties.items[*].quantity"},
                             {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
                 "params": {"measure": "cosine"}}"""));
        assertThat(model.kind()).isEqualTo("co_occurrence");
        assertThat(model.params()).isEqualTo(new CoOccurrenceParams(30, "cosine", 100, 2));
        assertThat(model.signals()).extracting(Signal::name).containsExactly("purchases", "views");
        assertThat(model.signals().get(1).productIds().isItemIds()).isTrue();
        assertThat(reader.read(model.toJson())).as("what toJson writes reads back the same").isEqualTo(model);
    }

    @Test
    void everyProblemIsListedWithItsPath() throws Exception {
        assertThatThrownBy(() -> reader.read(json("""
                {"name": "", "catalog": "other", "kind": "collaborative",
                 "signals": [{"name": "1st", "eventType": "buy now", "productIdPath": "price", "weight": 0},
                             {"name": "x", "eventType": "view", "productIdPath": "properties.items[*", "weight": 2,
                              "valuePath": "itemId"},
                             {"name": "x", "eventType": "view", "productIdPath": "itemId", "weight": 2000}],
                 "params": {"method": "svd", "factors": 0, "lambda": 3}}""")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactlyInAnyOrder("name", "catalog", "params.method",
                                "params.factors", "params.lambda", "signals[0].name", "signals[0].eventType",
                                "signals[0].productIdPath", "signals[0].weight", "signals[1].productIdPath",
                                "signals[1].valuePath", "signals[2].name", "signals[2].weight"));
    }

    @Test
    void unknownKindsAndBadParamsAreRefusedAtSaveTime() throws Exception {
        String signals = "\"signals\": [{\"name\": \"v\", \"eventType\": \"view\", \"productIdPath\": \"itemId\","
                + " \"weight\": 1}]";
        assertThatThrownBy(() -> reader.read(json("{\"name\": \"m\", \"catalog\": \"shop\", \"kind\": \"magic\", "
                + signals + "}"))).hasMessageContaining("1 problem")
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().get(0).message())
                        .contains("unknown kind 'magic'").contains("affinity", "co_occurrence", "collaborative",
                                "trending", "sequence"));
        assertThatThrownBy(() -> reader.read(json("{\"name\": \"m\", \"catalog\": \"shop\", \"kind\": \"sequence\", "
                + signals + ", \"params\": {\"dimension\": 64, \"heads\": 3, \"softmax\": \"approx\"}}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path, Problem::message).containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("params.heads", "heads (3) must divide dimension (64)"),
                                org.assertj.core.groups.Tuple.tuple("params.softmax",
                                        "softmax must be one of [auto, full, sampled] (default auto)")));
        assertThatThrownBy(() -> reader.read(json("{\"name\": \"m\", \"catalog\": \"shop\", \"kind\": \"trending\"}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactly("signals"));
    }

    @Test
    void pathsReadProductIdsAndValuesFromEvents() {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.putArray("items").add(JsonNodeFactory.instance.objectNode().put("id", "p-1").put("quantity", 2))
                .add(JsonNodeFactory.instance.objectNode().put("id", "p-2").put("quantity", 1));
        properties.put("revenue", 59.9);
        Event purchase = new Event(1, null, "purchase", 0, "a", null, "shop", List.of("p-9"), properties,
                JsonNodeFactory.instance.objectNode().put("recId", "r-1"), 0);

        assertThat(SignalPath.parse("itemId").read(purchase)).containsExactly("p-9");
        assertThat(SignalPath.parse("properties.items[*].id").read(purchase)).containsExactly("p-1", "p-2");
        assertThat(SignalPath.parse("properties.items[*].quantity").readNumbers(purchase)).containsExactly(2.0, 1.0);
        assertThat(SignalPath.parse("properties.revenue").readNumbers(purchase)).containsExactly(59.9);
        assertThat(SignalPath.parse("context.recId").read(purchase)).containsExactly("r-1");
        assertThat(SignalPath.parse("properties.missing[*].id").read(purchase)).isEmpty();
    }
}
