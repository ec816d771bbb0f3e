package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.model.kinds.BuiltInKinds;
import org.junit.jupiter.api.Test;

class SignalReaderTest {

    private static Event event(String type, String person, String catalog, List<String> items, ObjectNode properties) {
        return new Event(0, null, type, 0, person, null, catalog, items, properties,
                JsonNodeFactory.instance.objectNode(), 0);
    }

    @Test
    void signalsWeighTheirEventsAndValuesMultiplyPerProduct() throws Exception {
        ModelDefinition model = new ModelDefinitionReader(c -> true, BuiltInKinds.ALL).read(Json.MAPPER.readTree("""
                {"name": "m", "catalog": "shop", "kind": "collaborative",
                 "signals": [{"name": "buys", "eventType": "purchase", "productIdPath": "properties.items[*].id",
                              "weight": 8, "valuePath": "properties.items[*].quantity"},
                             {"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1},
                             {"name": "spend", "eventType": "purchase", "productIdPath": "itemIds[*]", "weight": 0.5,
                              "valuePath": "properties.revenue"}]}"""));
        SignalReader reader = new SignalReader(model, Event::anonymousId);
        ObjectNode basket = JsonNodeFactory.instance.objectNode().put("revenue", 10);
        basket.putArray("items").add(JsonNodeFactory.instance.objectNode().put("id", "p-1").put("quantity", 2))
                .add(JsonNodeFactory.instance.objectNode().put("id", "p-2").put("quantity", 1));
        reader.accept(event("purchase", "a", "shop", List.of("p-1"), basket));
        reader.accept(event("view", "a", "shop", List.of("p-2"), JsonNodeFactory.instance.objectNode()));
        reader.accept(event("view", "b", "other-shop", List.of("p-2"), JsonNodeFactory.instance.objectNode()));
        reader.accept(event("search", "b", "shop", List.of("p-3"), JsonNodeFactory.instance.objectNode()));

        Interactions data = reader.interactions();
        assertThat(data.personCount()).as("b's events were for another catalog or no signal").isEqualTo(1);
        assertThat(reader.events()).isEqualTo(2);
        float p1 = 0;
        float p2 = 0;
        for (int i = data.start(0); i < data.end(0); i++) {
            if (data.itemId(data.item(i)).equals("p-1")) {
                p1 = data.value(i);
            } else {
                p2 = data.value(i);
            }
        }
        assertThat(p1).as("8 x 2 from the basket + 0.5 x 10 from the revenue").isEqualTo(21f);
        assertThat(p2).as("8 x 1 from the basket + 1 from the view").isEqualTo(9f);
        assertThat(reader.weightBySignal()).containsEntry("buys", 24.0).containsEntry("views", 1.0)
                .containsEntry("spend", 5.0);
    }

    @Test
    void aHugeValueCountsAsTheLargestStrengthNotInfinity() throws Exception {
        ModelDefinition model = new ModelDefinitionReader(c -> true, BuiltInKinds.ALL).read(Json.MAPPER.readTree("""
                {"name": "m", "catalog": "shop", "kind": "collaborative",
                 "signals": [{"name": "spend", "eventType": "purchase", "productIdPath": "itemId", "weight": 1,
                              "valuePath": "properties.revenue"}]}"""));
        SignalReader reader = new SignalReader(model, Event::anonymousId);
        reader.accept(event("purchase", "a", "shop", List.of("p-1"),
                JsonNodeFactory.instance.objectNode().put("revenue", 1e300)));
        reader.accept(event("purchase", "a", "shop", List.of("p-1"),
                JsonNodeFactory.instance.objectNode().put("revenue", 1e300)));

        Interactions data = reader.interactions();
        for (int i = data.start(0); i < data.end(0); i++) {
            assertThat(data.value(i)).isFinite();
        }
        assertThat(reader.weightBySignal().get("spend")).isEqualTo(2 * SignalReader.MAX_STRENGTH);
    }
}
