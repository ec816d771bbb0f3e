package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.CATALOG;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecommendationApiTest {
    @TempDir
    Path dataDir;
    RunningServer server;
    AttuneClient admin;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        admin = server.admin;
        admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(CATALOG));
        admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id":"boot-1","title":"Trail boot","brand":"Nordpeak","category":"Shoes","price":120}
                {"id":"boot-2","title":"City boot","brand":"Nordpeak","category":"Shoes","price":90}
                {"id":"boot-3","title":"Winter boot","brand":"Alva","category":"Shoes","price":150}
                {"id":"coat-1","title":"Rain coat","brand":"Alva","category":"Coats","price":200}
                {"id":"coat-2","title":"Down coat","brand":"Nordpeak","category":"Coats","price":300}
                {"id":"hat-1","title":"Wool hat","brand":"Kesto","category":"Hats","price":30}
                """));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void send(String ndjson) throws Exception {
        admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(ndjson));
    }

    private JsonNode recommend(String query) throws Exception {
        AttuneClient.Answer answer = admin.get("/v1/recommendations?catalog=shop&" + query);
        assertThat(answer.status()).as("%s: %s", query, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> ids(JsonNode recommendations) {
        return recommendations.path("items").findValuesAsText("id");
    }

    /** Polls until the answer satisfies the condition; fails after the one second the issue allows. */
    private JsonNode awaitRecommendation(String query, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + 1_000_000_000L;
        JsonNode answer;
        do {
            AttuneClient.Answer reply = admin.get("/v1/recommendations?catalog=shop&" + query);
            answer = reply.body();
            if (reply.status() == 200 && condition.test(answer)) {
                return answer;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within one second of the acknowledgement: " + query + " gave " + answer);
    }

    @Test
    void trendingRanksByDecayedWeightedEventsOptionallyWithinACategory() throws Exception {
        send("""
                {"type":"view","anonymousId":"a-1","catalog":"shop","itemId":"coat-1"}
                {"type":"view","anonymousId":"a-2","catalog":"shop","itemId":"coat-1"}
                {"type":"add_to_cart","anonymousId":"a-3","catalog":"shop","itemId":"boot-2"}
                {"type":"view","anonymousId":"a-4","catalog":"shop","itemId":"hat-1"}
                """);
        JsonNode trending = awaitRecommendation("strategy=trending&count=5", r -> ids(r).size() == 3);
        assertThat(ids(trending)).as("add_to_cart weighs 5, two views 2, one view 1")
                .containsExactly("boot-2", "coat-1", "hat-1");
        assertThat(trending.path("recId").asText()).as("issued with its answer's time and groups").hasSize(34);
        assertThat(trending.path("items").get(0).path("attributes").path("title").asText()).isEqualTo("City boot");
        assertThat(trending.path("items").get(0).path("score").asDouble()).isGreaterThan(4.9);

        assertThat(ids(recommend("strategy=trending&category=Coats"))).containsExactly("coat-1");
        assertThat(recommend("strategy=trending").path("recId"))
                .as("every answer has its own recId").isNotEqualTo(trending.path("recId"));
    }

    @Test
    void recentlyViewedAndTopAffinityFollowThePersonWithinOneSecond() throws Exception {
        send("{\"type\":\"view\",\"anonymousId\":\"a-7\",\"catalog\":\"shop\",\"itemId\":\"coat-2\"}");
        JsonNode viewed = awaitRecommendation("strategy=recently_viewed&anonymousId=a-7",
                r -> ids(r).equals(List.of("coat-2")));
        assertThat(viewed.path("items").get(0).path("reason").asText()).isEqualTo("recently_viewed");

        // coat-2 is Nordpeak and Coats; the other Nordpeak and Coats products come first.
        JsonNode affinity = recommend("strategy=top_affinity&anonymousId=a-7&count=6");
        assertThat(ids(affinity)).hasSize(6);
        assertThat(ids(affinity).subList(0, 1)).containsExactly("coat-2");
        assertThat(ids(affinity).subList(1, 4)).containsExactlyInAnyOrder("boot-1", "boot-2", "coat-1");
        assertThat(affinity.path("items").get(5).path("reason").asText()).isEqualTo("best_seller");

        // Three purchases of Alva shoes outweigh one view: the ranking turns within a second.
        send("""
                {"type":"purchase","anonymousId":"a-7","catalog":"shop","itemIds":["boot-3"]}
                {"type":"add_to_cart","anonymousId":"a-7","catalog":"shop","itemId":"boot-3"}
                {"type":"view","anonymousId":"a-7","catalog":"shop","itemId":"hat-1"}
                """);
        JsonNode turned = awaitRecommendation("strategy=top_affinity&anonymousId=a-7&count=3",
                r -> ids(r).get(0).equals("boot-3"));
        assertThat(turned.path("items").get(0).path("matched")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("brand:Alva", "category:Shoes");
        // The batch's events are applied one by one: the last one may follow the ranking's turn by a moment.
        assertThat(ids(awaitRecommendation("strategy=recently_viewed&anonymousId=a-7", r -> ids(r).size() == 2)))
                .containsExactly("hat-1", "coat-2");
    }

    @Test
    void unavailableAndRemovedProductsAreNeverReturned() throws Exception {
        send("""
                {"type":"view","anonymousId":"a-9","catalog":"shop","itemId":"boot-1"}
                {"type":"view","anonymousId":"a-9","catalog":"shop","itemId":"boot-2"}
                {"type":"view","anonymousId":"a-9","catalog":"shop","itemId":"boot-3"}
                """);
        awaitRecommendation("strategy=recently_viewed&anonymousId=a-9", r -> ids(r).size() == 3);
        admin.sendOrFail("PATCH", "/v1/catalogs/shop/products/boot-2", "application/json",
                bytes("{\"available\": false}"));
        admin.sendOrFail("DELETE", "/v1/catalogs/shop/products/boot-3", "application/json", new byte[0]);

        for (String strategy : List.of("trending", "recently_viewed", "top_affinity")) {
            JsonNode answer = recommend("strategy=" + strategy + "&anonymousId=a-9&count=10");
            assertThat(ids(answer)).as(strategy).doesNotContain("boot-2", "boot-3").contains("boot-1");
        }
    }

    @Test
    void badRequestsAreRefusedWithEveryProblemAndUnknownsAre404() throws Exception {
        AttuneClient.Answer bad = admin.get("/v1/recommendations?strategy=best&count=x");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("details").findValuesAsText("path"))
                .containsExactlyInAnyOrder("catalog", "strategy", "count");

        AttuneClient.Answer tooMany = admin.get("/v1/recommendations?catalog=shop&strategy=trending&count=1000");
        assertThat(tooMany.status()).isEqualTo(400);
        AttuneClient.Answer noPerson = admin.get("/v1/recommendations?catalog=shop&strategy=top_affinity");
        assertThat(noPerson.status()).isEqualTo(400);
        assertThat(noPerson.body().path("details").get(0).path("code").asText()).isEqualTo("person_required");

        AttuneClient.Answer unknownPerson = admin.get(
                "/v1/recommendations?catalog=shop&strategy=recently_viewed&userId=u-nobody");
        assertThat(unknownPerson.status()).isEqualTo(404);
        assertThat(unknownPerson.body().path("code").asText()).isEqualTo("profile_not_found");
        AttuneClient.Answer unknownCatalog = admin.get("/v1/recommendations?catalog=nope&strategy=trending");
        assertThat(unknownCatalog.status()).isEqualTo(404);
        assertThat(unknownCatalog.body().path("code").asText()).isEqualTo("catalog_not_found");
    }

    @Test
    void eventsForACatalogThatDoesNotExistAreRejectedPerRecord() throws Exception {
        AttuneClient.Answer answer = admin.send("POST", "/v1/events", "application/x-ndjson", bytes("""
                {"type":"view","anonymousId":"a-1","catalog":"shop","itemId":"boot-1"}
                {"type":"view","anonymousId":"a-1","catalog":"no-such-shop","itemId":"boot-1"}
                """));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").get(0).path("problems").get(0).path("path").asText())
                .isEqualTo("catalog");
    }
}
