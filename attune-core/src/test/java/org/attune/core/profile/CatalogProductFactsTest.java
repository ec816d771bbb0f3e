package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.CatalogService;
import org.attune.core.json.Json;
import org.attune.core.storage.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;

class CatalogProductFactsTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private final CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(),
            Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
    private final Symbols names = new Symbols();
    private final CatalogProductFacts facts = new CatalogProductFacts(catalogs, names, ProfileSettings.DEFAULTS
            .eventWeights());

    private void upsert(String ndjson) {
        byte[] body = ndjson.getBytes(StandardCharsets.UTF_8);
        catalogs.upsert("shop", body, body.length);
    }

    private List<String> keys(String productId) {
        return Arrays.stream(facts.affinityKeys("shop", productId)).mapToObj(names::name)
                .map(key -> key.replace('\u001F', '=')).toList();
    }

    @Test
    void affinityValuesComeFromRolesAndMarkedAttributesAndFollowProductChanges() throws Exception {
        catalogs.create(Json.MAPPER.readTree("""
                {"id": "shop", "schema": {"attributes": [{"name": "title", "type": "string", "role": "title"},
                  {"name": "brand", "type": "string", "role": "brand"},
                  {"name": "tags", "type": "string_list", "role": "tags"},
                  {"name": "materials", "type": "string_list", "affinity": true},
                  {"name": "price", "type": "number", "role": "price"}]},
                 "eventWeights": {"purchase": 10, "wishlist": 3}}"""));
        upsert("""
                {"id":"p-1","title":"Boot","brand":"Nordpeak","tags":["sale"],"materials":["leather","wool"],"price":80}
                """);
        assertThat(keys("p-1")).containsExactly("brand=Nordpeak", "materials=leather", "materials=wool");
        assertThat(facts.price("shop", "p-1")).isEqualTo(80.0);
        assertThat(Map.of("purchase", facts.eventWeight("shop", "purchase"), "wishlist",
                facts.eventWeight("shop", "wishlist"), "view", facts.eventWeight("shop", "view"), "search",
                facts.eventWeight("shop", "search")))
                .as("the catalog's weights over the defaults")
                .isEqualTo(Map.of("purchase", 10.0, "wishlist", 3.0, "view", 1.0, "search", 0.0));

        upsert("{\"id\":\"p-1\",\"title\":\"Boot\",\"brand\":\"Alva\",\"price\":95}\n");
        assertThat(keys("p-1")).as("a changed product is read again").containsExactly("brand=Alva");
        assertThat(facts.price("shop", "p-1")).isEqualTo(95.0);
        catalogs.delete("shop", "p-1");
        assertThat(keys("p-1")).isEmpty();
        assertThat(facts.price("shop", "p-1")).isNaN();
        assertThat(facts.affinityKeys("no-such-catalog", "p-1")).isEmpty();
    }
}
