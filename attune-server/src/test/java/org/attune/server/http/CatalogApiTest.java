package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogApiTest {
    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        assertThat(admin.send("POST", "/v1/catalogs", "application/json", bytes(CATALOG)).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void catalogDefinitionProblemsAreAllReportedAtOnce() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/catalogs", "application/json", bytes("""
                {"id": "Bad Id", "language": "??",
                 "schema": {"attributes": [{"name": "price", "type": "money"},
                                           {"name": "brand", "type": "number", "role": "brand"}]}}"""));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("code").asText()).isEqualTo("invalid_catalog");
        assertThat(answer.body().path("details")).extracting(d -> d.path("code").asText())
                .contains("invalid_id", "invalid_language", "invalid_type", "role_type_mismatch");
    }

    @Test
    void duplicateCatalogIdIsAConflict() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("code").asText()).isEqualTo("catalog_exists");
        assertThat(admin.get("/v1/catalogs").body().path("catalogs")).hasSize(1);
        assertThat(admin.get("/v1/catalogs/shop").body().path("schema").path("attributes")).hasSize(8);
        assertThat(admin.get("/v1/catalogs/nope").status()).isEqualTo(404);
    }

    @Test
    void bulkUpsertStoresValidProductsAndListsEachRejectedOne() throws Exception {
        AttuneClient.Answer answer = admin.send("PUT", "/v1/catalogs/shop/products", "application/json", bytes("""
                [{"id": "p-1", "title": "Trail runner", "brand": "Nordpeak", "price": 89.90, "tags": ["trail"],
                  "image": "https://img.example.com/p-1.jpg", "released": "2026-03-01T10:00:00+01:00"},
                 {"id": "p-2", "title": "Rain jacket", "price": "cheap"},
                 {"id": "p-3", "brand": "NoTitle"},
                 {"id": "p-4", "title": "Socks", "colour": "red"},
                 {"id": "p-5", "title": "Cap", "available": false}]"""));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("added").asInt()).isEqualTo(2);
        List<JsonNode> rejected = new ArrayList<>();
        answer.body().path("rejected").forEach(rejected::add);
        assertThat(rejected).extracting(r -> r.path("index").asInt()).containsExactly(1, 2, 3);
        assertThat(rejected).extracting(r -> r.path("problems").get(0).path("code").asText())
                .containsExactly("wrong_type", "required", "unknown_attribute");

        JsonNode p1 = admin.get("/v1/catalogs/shop/products/p-1").body();
        assertThat(p1.path("attributes").path("price").decimalValue()).isEqualByComparingTo("89.90");
        assertThat(p1.path("attributes").path("released").asText()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(admin.get("/v1/catalogs/shop/products/p-5").body().path("available").asBoolean()).isFalse();
        assertThat(admin.get("/v1/catalogs/shop/products/p-2").status()).isEqualTo(404);
    }

    @Test
    void allRejectedUpsertIsA400WithDetailsPerRecord() throws Exception {
        AttuneClient.Answer answer = admin.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson",
                bytes("{\"id\":\"p-1\"}\nnot json\n"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("code").asText()).isEqualTo("invalid_products");
        assertThat(answer.body().path("details")).extracting(d -> d.path("index").asInt()).containsExactly(0, 1);
    }

    @Test
    void ndjsonUpsertPatchDeleteAndStatsShowChurn() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ndjson.append("{\"id\":\"p-").append(i).append("\",\"title\":\"Product ").append(i)
                    .append("\",\"price\":").append(10 + i).append("}\n");
        }
        JsonNode first = admin.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson",
                bytes(ndjson.toString())).body();
        assertThat(first.path("added").asInt()).isEqualTo(10);
        JsonNode again = admin.send("PUT", "/v1/catalogs/shop/products", "application/x-ndjson",
                bytes(ndjson.toString())).body();
        assertThat(again.path("unchanged").asInt()).isEqualTo(10);

        AttuneClient.Answer patched = admin.send("PATCH", "/v1/catalogs/shop/products/p-3", "application/json",
                bytes("{\"price\": 9.5, \"available\": false}"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("available").asBoolean()).isFalse();
        assertThat(patched.body().path("attributes").path("title").asText()).isEqualTo("Product 3");
        AttuneClient.Answer badPatch = admin.send("PATCH", "/v1/catalogs/shop/products/p-3", "application/json",
                bytes("{\"title\": null}"));
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(badPatch.body().path("details").get(0).path("code").asText()).isEqualTo("required");

        assertThat(admin.send("DELETE", "/v1/catalogs/shop/products/p-9", "application/json", new byte[0]).status())
                .isEqualTo(204);
        assertThat(admin.get("/v1/catalogs/shop/products/p-9").status()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/v1/catalogs/shop/products/p-9", "application/json", new byte[0]).status())
                .isEqualTo(404);

        JsonNode stats = admin.get("/v1/catalogs/shop/stats?days=3").body();
        assertThat(stats.path("products").asLong()).isEqualTo(9);
        assertThat(stats.path("availableProducts").asLong()).isEqualTo(8);
        assertThat(stats.path("added").asLong()).isEqualTo(10);
        assertThat(stats.path("changed").asLong()).isEqualTo(1);
        assertThat(stats.path("removed").asLong()).isEqualTo(1);
        assertThat(stats.path("windowDays").asInt()).isEqualTo(3);
        assertThat(stats.path("churn").asDouble()).isGreaterThan(0.3);
    }

    @Test
    void pagingWalksEveryProductOnceInIdOrder() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            ndjson.append(String.format("{\"id\":\"p-%03d\",\"title\":\"T\"}%n", i));
        }
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(ndjson.toString()));
        List<String> seen = new ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonNode page = admin.get("/v1/catalogs/shop/products?limit=10&cursor=" + cursor).body();
            page.path("products").forEach(p -> seen.add(p.path("id").asText()));
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        }
        assertThat(seen).hasSize(25).isSorted().doesNotHaveDuplicates();
        assertThat(admin.get("/v1/catalogs/shop/products?limit=0").status()).isEqualTo(400);
    }

    @Test
    void productsAndCatalogsSurviveARestart() throws Exception {
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/json",
                bytes("[{\"id\":\"p-1\",\"title\":\"Kept\",\"price\":12.50}]"));
        server.close();
        server = RunningServer.start(dataDir);
        JsonNode product = server.admin.get("/v1/catalogs/shop/products/p-1").body();
        assertThat(product.path("attributes").path("title").asText()).isEqualTo("Kept");
        assertThat(product.path("attributes").path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(Json.MAPPER.writeValueAsString(server.admin.get("/v1/catalogs/shop").body())).contains("released");
    }
}
