package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placements, strategies, collections and rules through the API of a real server. */
class DecisioningApiTest {
    private static final String PRODUCTS = """
            {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120,"tags":["winter"]}
            {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
            {"id":"boot-3","title":"Winter boot","brand":"Alva","category":"Shoes","price":150,"tags":["winter"]}
            {"id":"boot-4","title":"Summer sandal","brand":"Kesto","category":"Shoes","price":60,"tags":["summer"]}
            {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
            {"id":"coat-2","title":"Down coat","brand":"Nordpeak","category":"Coats","price":300,"tags":["winter"]}
            {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30,"tags":["winter"]}
            {"id":"hat-2","title":"Sun hat","brand":"Alva","category":"Hats","price":25,"tags":["summer"]}
            {"id":"scarf-1","title":"Scarf","brand":"Nordpeak","category":"Scarves","price":40}
            {"id":"sock-1","title":"Socks","brand":"Kesto","category":"Socks","price":10,"available":false}
            """;
    private static final String STRATEGIES = "/v1/catalogs/shop/strategies/";
    private static final String PLACEMENTS = "/v1/catalogs/shop/placements/";

    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;
    String model;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes(PRODUCTS));
        sendHistory();
        model = provisionCoOccurrence();
        put(STRATEGIES + "popular", "{\"name\": \"Popular now\", \"sources\": [{\"type\": \"trending\"}]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * Twelve shoppers: eight view boot-1, boot-2 and boot-3 in one visit (four buy boot-2),
     * four view coat-1, hat-1, hat-2 and scarf-1; sock-1 is viewed too but is unavailable.
     */
    private void sendHistory() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            List<String> viewed = p < 8 ? List.of("boot-1", "boot-2", "boot-3")
                    : List.of("coat-1", "hat-1", "hat-2", "scarf-1", "sock-1");
            for (int i = 0; i < viewed.size(); i++) {
                events.append(event("s-" + p, "view", viewed.get(i), "2026-11-1" + (p % 3 + 5) + "T10:0" + i + ":00Z"));
            }
            if (p < 4) {
                events.append(event("s-" + p, "purchase", "boot-2", "2026-11-1" + (p % 3 + 5) + "T10:09:00Z"));
            }
        }
        send(events.toString());
    }

    private static String event(String person, String type, String product, String timestamp) {
        return "{\"type\":\"" + type + "\",\"anonymousId\":\"" + person + "\",\"catalog\":\"shop\",\"itemId\":\""
                + product + "\"" + (timestamp == null ? "" : ",\"timestamp\":\"" + timestamp + "\"") + "}\n";
    }

    private void send(String ndjson) throws Exception {
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(ndjson));
    }

    private String provisionCoOccurrence() throws Exception {
        AttuneClient.Answer created = admin.send("POST", "/v1/models", "application/json", bytes("""
                {"name": "Viewed together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1},
                             {"name": "purchases", "eventType": "purchase", "productIdPath": "itemId", "weight": 4}]}
                """));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String id = created.body().path("id").asText();
        admin.sendOrFail("POST", "/v1/models/" + id + "/provision", "application/json", bytes(""));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!admin.get("/v1/models/" + id).body().path("status").asText().equals("running")) {
            assertThat(System.nanoTime()).as("provisioned within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
        return id;
    }

    /** Events are applied to profiles just after they are acknowledged. */
    private void awaitProfile(String id) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (admin.get("/v1/profiles/" + id).status() != 200) {
            assertThat(System.nanoTime()).as("profile %s applied", id).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private AttuneClient.Answer put(String path, String json) throws Exception {
        AttuneClient.Answer saved = admin.send("PUT", path, "application/json", bytes(json));
        assertThat(saved.status()).as("PUT %s: %s", path, saved.body()).isEqualTo(200);
        return saved;
    }

    private JsonNode decide(String json) throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/decisions", "application/json", bytes(json));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static JsonNode placement(JsonNode decision, String id) {
        for (JsonNode placement : decision.path("placements")) {
            if (placement.path("placement").asText().equals(id)) {
                return placement;
            }
        }
        throw new AssertionError("no placement " + id + " in " + decision);
    }

    private static List<String> ids(JsonNode placement) {
        return placement.path("items").findValuesAsText("id");
    }

    private void forYou(String eligibility, int items) throws Exception {
        put(STRATEGIES + "for-you", """
                {"name": "For you", "sources": [{"type": "model", "model": "%s"}],
                 "eligibility": %s, "fallbacks": ["popular"]}""".formatted(model, eligibility));
        put(PLACEMENTS + "home.for_you", "{\"strategy\": \"for-you\", \"items\": " + items + "}");
    }

    @Test
    void aKnownVisitorGetsThePersonalizedStrategyAndANewVisitorTheFallbackAndTheAnswerSaysSo() throws Exception {
        forYou("null", 2);
        send(event("shopper", "view", "boot-1", null));
        awaitProfile("shopper");

        JsonNode known = placement(decide("""
                {"catalog": "shop", "anonymousId": "shopper", "placements": ["home.for_you"]}"""), "home.for_you");
        assertThat(known.path("source").asText()).as("%s", known).isEqualTo("personalized");
        assertThat(known.path("fallback").isNull()).isTrue();
        assertThat(ids(known)).as("what the model relates to boot-1").containsExactlyInAnyOrder("boot-2", "boot-3");
        assertThat(known.path("items").get(0).path("attributes").path("title").asText()).isNotEmpty();
        assertThat(known.path("recId").asText()).isNotEmpty();

        JsonNode stranger = placement(decide("""
                {"catalog": "shop", "anonymousId": "never-seen-before", "placements": ["home.for_you"]}"""),
                "home.for_you");
        assertThat(stranger.path("source").asText()).as("%s", stranger).isEqualTo("fallback");
        assertThat(stranger.path("fallback").asText()).isEqualTo("popular");
        assertThat(stranger.path("fallbackReason").asText()).contains("new visitor");
        assertThat(stranger.path("items")).hasSize(2);
        stranger.path("items").forEach(item -> assertThat(item.path("strategy").asText()).isEqualTo("popular"));
        assertThat(ids(stranger)).doesNotContain("sock-1");

        put(STRATEGIES + "related", "{\"sources\": [{\"type\": \"related\", \"model\": \"" + model + "\"}],"
                + " \"fallbacks\": [\"popular\"]}");
        put(PLACEMENTS + "pdp.related", "{\"strategy\": \"related\", \"items\": 2}");
        JsonNode onProductPage = placement(decide("""
                {"catalog": "shop", "anonymousId": "never-seen-before", "context": {"product": "hat-1"},
                 "placements": ["pdp.related"]}"""), "pdp.related");
        assertThat(onProductPage.path("source").asText()).as("related needs no profile").isEqualTo("personalized");
        assertThat(ids(onProductPage)).doesNotContain("hat-1").isSubsetOf("coat-1", "hat-2", "scarf-1");
        JsonNode noContext = placement(decide("""
                {"catalog": "shop", "anonymousId": "never-seen-before", "placements": ["pdp.related"]}"""),
                "pdp.related");
        assertThat(noContext.path("fallbackReason").asText()).contains("no context product");
    }

    @Test
    void eligibilityAndAFormulaShapeTheListAndAFailingExpressionIsFlaggedAndCounted() throws Exception {
        put(STRATEGIES + "shoes-by-price", """
                {"sources": [{"type": "trending"}], "eligibility": "product.category == 'Shoes' && product.price < 140",
                 "ranking": {"by": "formula", "formula": "product.price"}}""");
        put(PLACEMENTS + "shoes", "{\"strategy\": \"shoes-by-price\", \"items\": 5}");
        JsonNode shoes = placement(decide("{\"catalog\": \"shop\", \"placements\": [\"shoes\"], \"explain\": true}"),
                "shoes");
        assertThat(ids(shoes)).as("eligible shoes with events, dearest first").containsExactly("boot-1", "boot-2");
        assertThat(shoes.path("items").get(0).path("score").asDouble()).isEqualTo(120.0);
        assertThat(shoes.path("items").get(0).path("explanation").path("formula").asDouble()).isEqualTo(120.0);
        assertThat(shoes.path("items").get(0).path("explanation").path("sources").has("trending")).isTrue();
        assertThat(shoes.path("fallbackReason").asText()).contains("2 of 5");

        put(STRATEGIES + "broken", """
                {"sources": [{"type": "trending"}], "eligibility": "int(product.price) / int(product.price - product.price) > 0",
                 "fallbacks": ["popular"]}""");
        put(PLACEMENTS + "broken", "{\"strategy\": \"broken\", \"items\": 3}");
        JsonNode broken = placement(decide("{\"catalog\": \"shop\", \"placements\": [\"broken\"]}"), "broken");
        JsonNode error = broken.path("errors").get(0);
        assertThat(error.path("part").asText()).as("%s", broken).isEqualTo("eligibility");
        assertThat(error.path("strategy").asText()).isEqualTo("broken");
        assertThat(error.path("message").asText()).contains("by zero");
        assertThat(error.path("products").asInt()).as("every available trending product").isEqualTo(7);
        assertThat(broken.path("source").asText()).as("the error is not hidden by a silent fallback")
                .isEqualTo("fallback");
        assertThat(errorsCounted()).isGreaterThanOrEqualTo(7);
    }

    private double errorsCounted() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines()
                .filter(line -> line.startsWith("attune_decisioning_expression_errors_total{part=\"eligibility\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(-1);
    }

    @Test
    void placementsOfOneRequestNeverRepeatAProductAndACapHoldsBackWhatWasShownEnough() throws Exception {
        put(PLACEMENTS + "home.popular", "{\"strategy\": \"popular\", \"items\": 3}");
        put(PLACEMENTS + "footer.popular", "{\"strategy\": \"popular\", \"items\": 3, \"cap\": {\"impressions\": 1,"
                + " \"hours\": 24}}");
        JsonNode both = decide("""
                {"catalog": "shop", "anonymousId": "a-1", "placements": ["home.popular", "footer.popular"]}""");
        List<String> first = ids(placement(both, "home.popular"));
        List<String> second = ids(placement(both, "footer.popular"));
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3).doesNotContainAnyElementsOf(first);

        JsonNode again = placement(decide("""
                {"catalog": "shop", "anonymousId": "a-1", "placements": ["footer.popular"]}"""), "footer.popular");
        assertThat(ids(again)).as("shown once in this placement within the day").hasSize(3)
                .doesNotContainAnyElementsOf(second);
        JsonNode preview = placement(previewDecision("""
                {"catalog": "shop", "anonymousId": "a-2", "placements": ["footer.popular"]}"""), "footer.popular");
        JsonNode previewAgain = placement(previewDecision("""
                {"catalog": "shop", "anonymousId": "a-2", "placements": ["footer.popular"]}"""), "footer.popular");
        assertThat(ids(previewAgain)).as("previews record nothing").isEqualTo(ids(preview));
    }

    @Test
    void showingsAreRecordedOnlyWhileACapReadsThemSoACapCountsFromWhenItIsSet() throws Exception {
        put(PLACEMENTS + "home.popular", "{\"strategy\": \"popular\", \"items\": 3}");
        String ask = """
                {"catalog": "shop", "anonymousId": "a-3", "placements": ["home.popular"]}""";
        List<String> uncapped = ids(placement(decide(ask), "home.popular"));
        assertThat(ids(placement(decide(ask), "home.popular"))).as("no cap, the same again").isEqualTo(uncapped);

        put(PLACEMENTS + "home.popular", "{\"strategy\": \"popular\", \"items\": 3, \"cap\": {\"impressions\": 1,"
                + " \"hours\": 24}}");
        assertThat(ids(placement(decide(ask), "home.popular"))).as("nothing was recorded before the cap")
                .isEqualTo(uncapped);
        assertThat(ids(placement(decide(ask), "home.popular"))).as("shown once since the cap")
                .hasSize(3).doesNotContainAnyElementsOf(uncapped);
    }

    private JsonNode previewDecision(String json) throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/decisions/preview", "application/json", bytes(json));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().path("preview").asBoolean()).isTrue();
        return answer.body();
    }

    @Test
    void aPreviewOfAProfileTypedAsEventsIsPersonalizedAndCreatesNobody() throws Exception {
        forYou("\"!(product.id in profile.viewed)\"", 1);
        JsonNode decision = previewDecision("""
                {"catalog": "shop", "placements": ["home.for_you"], "explain": true,
                 "events": [{"type": "view", "itemId": "boot-2"}, {"type": "view", "itemId": "boot-1"}]}""");
        JsonNode forYou = placement(decision, "home.for_you");
        assertThat(decision.path("personId").isNull()).isTrue();
        assertThat(forYou.path("source").asText()).as("%s", forYou).isEqualTo("personalized");
        assertThat(ids(forYou)).containsExactly("boot-3");
        JsonNode explanation = forYou.path("items").get(0).path("explanation");
        assertThat(explanation.path("sources").has("model:" + model)).isTrue();
        assertThat(explanation.path("products").toString()).as("the viewed boots the model relates to it")
                .contains("boot-1");
        assertThat(explanation.path("attributes").toString()).as("the person's affinity to the category")
                .contains("category:Shoes");
        assertThat(admin.get("/v1/profiles/preview").status()).as("the synthetic person is nobody").isEqualTo(404);

        AttuneClient.Answer refused = admin.send("POST", "/v1/decisions", "application/json", bytes("""
                {"catalog": "shop", "placements": ["home.for_you"], "events": [{"type": "view", "itemId": "boot-2"}]}"""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("details").get(0).path("code").asText()).isEqualTo("events_only_in_preview");
        AttuneClient.Answer badEvent = admin.send("POST", "/v1/decisions/preview", "application/json", bytes("""
                {"catalog": "shop", "placements": ["home.for_you"], "events": [{"itemId": "boot-2"}]}"""));
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.body().path("details").get(0).path("path").asText()).isEqualTo("events[0].type");
    }

    @Test
    void anEventIngestedChangesTheNextDecisionWithinASecond() throws Exception {
        put(STRATEGIES + "recent", "{\"sources\": [{\"type\": \"recently_viewed\"}], \"exclude\": {\"purchased\":"
                + " false}}");
        put(PLACEMENTS + "recent", "{\"strategy\": \"recent\", \"items\": 3}");
        send(event("fresh", "view", "coat-1", null));
        awaitProfile("fresh");
        assertThat(ids(placement(decide("{\"catalog\": \"shop\", \"anonymousId\": \"fresh\", \"placements\":"
                + " [\"recent\"]}"), "recent"))).containsExactly("coat-1");

        send(event("fresh", "view", "hat-2", null));
        long acknowledged = System.nanoTime();
        List<String> seen;
        do {
            seen = ids(placement(decide("{\"catalog\": \"shop\", \"anonymousId\": \"fresh\", \"placements\":"
                    + " [\"recent\"]}"), "recent"));
        } while (!seen.contains("hat-2") && System.nanoTime() - acknowledged < 1_000_000_000L);
        assertThat(seen).as("within a second of the event's acknowledgement").containsExactly("hat-2", "coat-1");
    }

    @Test
    void invalidDefinitionsAreRefusedAtSaveTimeWithTheirPositionAndUsedOnesCannotBeDeleted() throws Exception {
        AttuneClient.Answer typo = admin.send("PUT", STRATEGIES + "typo", "application/json", bytes("""
                {"sources": [{"type": "trending"}], "eligibility": "product.prise < 10.0"}"""));
        assertThat(typo.status()).isEqualTo(400);
        JsonNode problem = typo.body().path("details").get(0);
        assertThat(problem.path("path").asText()).isEqualTo("eligibility");
        assertThat(problem.path("code").asText()).isEqualTo("invalid_expression");
        assertThat(problem.path("message").asText()).contains("line 1, column 8").contains("prise");

        AttuneClient.Answer wrongType = admin.send("PUT", STRATEGIES + "typed", "application/json", bytes("""
                {"sources": [{"type": "trending"}], "ranking": {"by": "formula", "formula": "product.brand"},
                 "eligibility": "profile.affinity.colour[product.brand] > 0.0"}"""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("details").findValuesAsText("path"))
                .containsExactlyInAnyOrder("eligibility", "ranking.formula");
        assertThat(wrongType.body().toString()).contains("colour").contains("double");

        AttuneClient.Answer unknowns = admin.send("PUT", STRATEGIES + "unknowns", "application/json", bytes("""
                {"sources": [{"type": "model", "model": "m_nope"}, {"type": "collection", "collection": "nope"},
                             {"type": "telepathy"}],
                 "fallbacks": ["nope"], "diversity": {"attribute": "colour", "maxPerValue": 0}}"""));
        assertThat(unknowns.status()).isEqualTo(400);
        assertThat(unknowns.body().path("details").findValuesAsText("code")).contains("unknown_model",
                "unknown_collection", "invalid_source_type", "unknown_strategy", "unknown_attribute", "out_of_range");
        assertThat(admin.get(STRATEGIES + "unknowns").status()).as("nothing was saved").isEqualTo(404);

        AttuneClient.Answer check = admin.send("POST", "/v1/catalogs/shop/expressions/check", "application/json",
                bytes("{\"use\": \"formula\", \"expression\": \"score * \"}"));
        assertThat(check.body().path("valid").asBoolean()).isFalse();
        assertThat(check.body().path("errors").get(0).path("column").asInt()).isEqualTo(9);
        assertThat(admin.send("POST", "/v1/catalogs/shop/expressions/check", "application/json",
                bytes("{\"use\": \"collection\", \"expression\": \"'winter' in product.tags\"}")).body()
                .path("valid").asBoolean()).isTrue();

        put(PLACEMENTS + "home", "{\"strategy\": \"popular\"}");
        AttuneClient.Answer inUse = admin.send("DELETE", STRATEGIES + "popular", "application/json", bytes(""));
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.body().path("code").asText()).isEqualTo("in_use");
        assertThat(inUse.body().path("message").asText()).contains("placement 'home'");
        assertThat(admin.send("DELETE", PLACEMENTS + "home", "application/json", bytes("")).status()).isEqualTo(204);
        assertThat(admin.send("DELETE", STRATEGIES + "popular", "application/json", bytes("")).status())
                .isEqualTo(204);
    }

    @Test
    void aCollectionSourceOffersItsProductsAndDiversityLimitsABrand() throws Exception {
        put("/v1/catalogs/shop/collections/winter", "{\"filter\": \"'winter' in product.tags\", \"productIds\":"
                + " [\"scarf-1\"]}");
        put(STRATEGIES + "winter", """
                {"sources": [{"type": "collection", "collection": "winter"}],
                 "diversity": {"attribute": "brand", "maxPerValue": 1}}""");
        put(PLACEMENTS + "winter", "{\"strategy\": \"winter\", \"items\": 10}");
        JsonNode winter = placement(decide("{\"catalog\": \"shop\", \"placements\": [\"winter\"]}"), "winter");
        List<String> brands = new ArrayList<>();
        winter.path("items").forEach(item -> brands.add(item.path("attributes").path("brand").asText()));
        assertThat(brands).as("%s", winter).doesNotHaveDuplicates().containsExactlyInAnyOrder("Nordpeak", "Alva",
                "Kesto");
        assertThat(ids(winter)).allMatch(id -> List.of("boot-1", "boot-3", "coat-2", "hat-1", "scarf-1")
                .contains(id));
        AttuneClient.Answer inUse = admin.send("DELETE", "/v1/catalogs/shop/collections/winter", "application/json",
                bytes(""));
        assertThat(inUse.status()).isEqualTo(409);
    }

    @Test
    void rerankingKeepsTheOrderWithoutARuleOrAtStrengthZeroAndFollowsTheModelAtStrengthOne() throws Exception {
        send(event("searcher", "view", "boot-1", null));
        awaitProfile("searcher");
        String request = """
                {"catalog": "shop", "anonymousId": "searcher", "pageType": "search", "query": "Winter things",
                 "productIds": ["hat-1", "coat-1", "boot-3", "scarf-1", "boot-2"]}""";
        List<String> given = List.of("hat-1", "coat-1", "boot-3", "scarf-1", "boot-2");
        JsonNode noRule = rerank(request);
        assertThat(noRule.path("rule").isNull()).isTrue();
        assertThat(noRule.path("items").findValuesAsText("id")).containsExactlyElementsOf(given);

        put("/v1/catalogs/shop/rules/winter-search", """
                {"pageType": "search", "scope": {"type": "queries", "values": ["winter*"]}, "model": "%s",
                 "strength": 0, "enabled": true}""".formatted(model));
        JsonNode zero = rerank(request);
        assertThat(zero.path("rule").asText()).isEqualTo("winter-search");
        assertThat(zero.path("items").findValuesAsText("id")).as("strength 0 keeps the order")
                .containsExactlyElementsOf(given);

        put("/v1/catalogs/shop/rules/winter-search", """
                {"pageType": "search", "scope": {"type": "queries", "values": ["winter*"]}, "model": "%s",
                 "strength": 1, "enabled": true}""".formatted(model));
        List<String> full = rerank(request).path("items").findValuesAsText("id");
        assertThat(full.subList(0, 2)).as("what the model relates to boot-1 first").containsExactlyInAnyOrder(
                "boot-2", "boot-3");
        assertThat(full.subList(2, 5)).as("the rest in the given order").containsExactly("hat-1", "coat-1",
                "scarf-1");

        List<String> withUnknown = List.of("hat-1", "boot-4", "coat-1", "boot-3", "scarf-1", "boot-2");
        String unknownRequest = request.replace("\"hat-1\", \"coat-1\"", "\"hat-1\", \"boot-4\", \"coat-1\"");
        List<String> reranked = rerank(unknownRequest).path("items").findValuesAsText("id");
        assertThat(reranked.get(1)).as("boot-4, which nobody viewed, keeps its place").isEqualTo("boot-4");
        assertThat(rerank(unknownRequest.replace("searcher", "nobody-knows-me")).path("items")
                .findValuesAsText("id")).as("a visitor without a profile sees the given order")
                .containsExactlyElementsOf(withUnknown);

        JsonNode otherQuery = rerank(request.replace("Winter things", "sandals"));
        assertThat(otherQuery.path("rule").isNull()).as("the scope does not match").isTrue();
        put("/v1/catalogs/shop/rules/winter-search", """
                {"pageType": "search", "model": "%s", "strength": 1, "enabled": false}""".formatted(model));
        assertThat(rerank(request).path("items").findValuesAsText("id")).as("a disabled rule changes nothing")
                .containsExactlyElementsOf(given);

        AttuneClient.Answer repeated = admin.send("POST", "/v1/rerank", "application/json", bytes("""
                {"catalog": "shop", "pageType": "search", "query": "x", "productIds": ["hat-1", "hat-1"]}"""));
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.body().path("details").get(0).path("code").asText()).isEqualTo("duplicate_product");
    }

    private JsonNode rerank(String json) throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/rerank", "application/json", bytes(json));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void anEnabledRuleBlocksDeactivatingTheCatalogsPersonalization() throws Exception {
        String setup = "/v1/catalogs/shop/personalization";
        admin.sendOrFail("POST", setup, "application/json", bytes("{\"kind\": \"affinity\"}"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!admin.get(setup).body().path("status").asText().equals("ready_for_activation")) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        admin.sendOrFail("POST", setup + "/continue", "application/json", bytes(""));
        put("/v1/catalogs/shop/rules/category-pages", """
                {"pageType": "category", "model": "%s", "strength": 0.5, "enabled": true}""".formatted(model));

        AttuneClient.Answer blocked = admin.send("POST", setup + "/deactivate", "application/json", bytes(""));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.body().path("details").toString()).contains("category-pages");

        put("/v1/catalogs/shop/rules/category-pages", """
                {"pageType": "category", "model": "%s", "strength": 0.5, "enabled": false}""".formatted(model));
        assertThat(admin.send("POST", setup + "/deactivate", "application/json", bytes("")).status()).isEqualTo(200);
    }

    @Test
    void definitionsSurviveARestart() throws Exception {
        forYou("\"product.price < 140.0\"", 2);
        server.close();
        server = RunningServer.start(dataDir);
        admin = server.admin;
        assertThat(admin.get(STRATEGIES + "for-you").body().path("eligibility").asText())
                .isEqualTo("product.price < 140.0");
        assertThat(admin.get("/v1/catalogs/shop/placements").body().path("placements").findValuesAsText("id"))
                .containsExactly("home.for_you");
        assertThat(placement(decide("{\"catalog\": \"shop\", \"anonymousId\": \"s-0\", \"placements\":"
                + " [\"home.for_you\"]}"), "home.for_you").path("items")).isNotEmpty();
    }
}
