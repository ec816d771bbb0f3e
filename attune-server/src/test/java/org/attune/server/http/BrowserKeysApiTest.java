package org.attune.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attune.server.http.ApiTestFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.server.RunningServer;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser keys as a web page uses them, and as another site or a script would try to: only
 * events, decisions and re-ranks, only from the key's origins, only for its catalogs and
 * placements, at its rate per address.
 */
class BrowserKeysApiTest {
    private static final String SHOP = "https://shop.example.com";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(ApiTestFixtures.CATALOG));
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes(ApiTestFixtures.CATALOG
                .replace("\"id\": \"shop\"", "\"id\": \"staff\"")));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson",
                bytes("{\"id\":\"p-1\",\"title\":\"Boot\"}\n{\"id\":\"p-2\",\"title\":\"Coat\"}\n"));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/strategies/popular", "application/json",
                bytes("{\"name\": \"Popular\", \"sources\": [{\"type\": \"trending\"}]}"));
        for (String placement : List.of("home", "internal.audit")) {
            server.admin.sendOrFail("PUT", "/v1/catalogs/shop/placements/" + placement, "application/json",
                    bytes("{\"name\": \"" + placement + "\", \"items\": 2, \"strategy\": \"popular\"}"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode createKey(Map<String, Object> definition) throws Exception {
        AttuneClient.Answer created = server.admin.postJson("/v1/keys", definition);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body();
    }

    @Test
    void aBrowserKeyIsMadeWithItsOriginsCatalogsAndPlacementsAndEveryMistakeIsSaidAtOnce() throws Exception {
        JsonNode key = createKey(Map.of("name", "shop pages", "role", "browser",
                "origins", List.of("HTTPS://Shop.Example.com:443/", "https://*.example.org", "http://localhost:8080"),
                "catalogs", List.of("shop"), "placements", List.of("home")));
        assertThat(key.path("role").asText()).isEqualTo("browser");
        assertThat(key.path("origins")).extracting(JsonNode::asText).as("as browsers send them")
                .containsExactly(SHOP, "https://*.example.org", "http://localhost:8080");
        assertThat(key.path("requestsPerAddressPerSecond").asInt()).isEqualTo(20);
        assertThat(server.admin.get("/v1/keys").body().path("keys").toString()).contains("\"origins\":[\"" + SHOP);

        AttuneClient.Answer wrong = server.admin.postJson("/v1/keys", Map.of("name", "bad", "role", "browser",
                "origins", List.of("shop.example.com", "https://a.example.com/path", "ftp://x.example.com"),
                "catalogs", List.of("shop", "nowhere"), "requestsPerAddressPerSecond", 0));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("details")).extracting(d -> d.path("path").asText())
                .containsExactly("origins[0]", "origins[1]", "origins[2]", "catalogs[1]",
                        "requestsPerAddressPerSecond");
        AttuneClient.Answer noOrigins = server.admin.postJson("/v1/keys", Map.of("name", "bad",
                "role", "browser", "catalogs", List.of("shop")));
        assertThat(noOrigins.body().path("details").get(0).path("code").asText()).isEqualTo("invalid_origins");
        AttuneClient.Answer readWithOrigins = server.admin.postJson("/v1/keys", Map.of("name", "bad",
                "role", "read", "origins", List.of(SHOP)));
        assertThat(readWithOrigins.status()).isEqualTo(400);
        assertThat(readWithOrigins.body().path("details").get(0).path("code").asText()).isEqualTo("browser_keys_only");
    }

    @Test
    void aPageOfItsOriginSendsEventsAndAsksDecisionsAndReranksWithoutAPreflight() throws Exception {
        String secret = createKey(Map.of("name", "shop pages", "role", "browser", "origins", List.of(SHOP),
                "catalogs", List.of("shop"), "placements", List.of("home"))).path("secret").asText();

        // text/plain and ?key= make a "simple" request: the browser sends it without asking first
        HttpResponse<String> events = post("/v1/events?key=" + secret, SHOP, null, """
                {"type":"view","anonymousId":"a-1","catalog":"shop","itemId":"p-1","eventId":"w-1"}
                {"type":"view","anonymousId":"a-1","catalog":"staff","itemId":"p-1","eventId":"w-2"}
                {"type":"page_view","anonymousId":"a-1","eventId":"w-3"}
                """);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);
        JsonNode ingested = Json.MAPPER.readTree(events.body());
        assertThat(ingested.path("accepted").asInt()).as("its catalog's event and one of no catalog").isEqualTo(2);
        assertThat(ingested.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(ingested.path("rejected").get(0).path("problems").get(0).path("code").asText())
                .isEqualTo("catalog_not_allowed");

        HttpResponse<String> decision = post("/v1/decisions?key=" + secret, SHOP, null,
                "{\"catalog\": \"shop\", \"anonymousId\": \"a-1\", \"placements\": [\"home\"]}");
        assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(decision.body()).path("placements").get(0).path("recId").asText())
                .isNotEmpty();
        HttpResponse<String> bearer = post("/v1/decisions", SHOP, secret,
                "{\"catalog\": \"shop\", \"anonymousId\": \"a-1\", \"placements\": [{\"id\": \"home\"}]}");
        assertThat(bearer.statusCode()).as("as a bearer token too").isEqualTo(200);
        HttpResponse<String> rerank = post("/v1/rerank?key=" + secret, SHOP, null, "{\"catalog\": \"shop\","
                + " \"anonymousId\": \"a-1\", \"pageType\": \"search\", \"query\": \"b\", \"productIds\": [\"p-2\","
                + " \"p-1\"]}");
        assertThat(rerank.statusCode()).as(rerank.body()).isEqualTo(200);

        assertThat(code(post("/v1/decisions?key=" + secret, SHOP, null,
                "{\"catalog\": \"shop\", \"anonymousId\": \"a-1\", \"placements\": [\"home\", \"internal.audit\"]}")))
                .isEqualTo("403 placement_not_allowed");
        assertThat(code(post("/v1/decisions?key=" + secret, SHOP, null,
                "{\"catalog\": \"staff\", \"anonymousId\": \"a-1\", \"placements\": [\"home\"]}")))
                .isEqualTo("403 catalog_not_allowed");
        assertThat(code(post("/v1/rerank?key=" + secret, SHOP, null, "{\"catalog\": \"staff\", \"pageType\":"
                + " \"search\", \"query\": \"b\", \"productIds\": [\"p-1\"]}"))).isEqualTo("403 catalog_not_allowed");
    }

    @Test
    void anotherSitesPageAScriptWithoutOriginAndEveryOtherRouteAreRefused() throws Exception {
        String secret = createKey(Map.of("name", "shop pages", "role", "browser",
                "origins", List.of(SHOP, "https://*.example.org"), "catalogs", List.of("shop")))
                .path("secret").asText();
        String event = "{\"type\":\"view\",\"anonymousId\":\"a-1\",\"catalog\":\"shop\",\"itemId\":\"p-1\"}";

        assertThat(code(post("/v1/events?key=" + secret, "https://evil.example.net", null, event)))
                .isEqualTo("403 origin_not_allowed");
        assertThat(code(post("/v1/events?key=" + secret, "http://shop.example.com", null, event)))
                .as("another scheme is another origin").isEqualTo("403 origin_not_allowed");
        assertThat(code(post("/v1/events?key=" + secret, null, null, event))).isEqualTo("403 origin_required");
        assertThat(post("/v1/events?key=" + secret, "https://blog.example.org", null, event).statusCode())
                .as("a subdomain of a wildcard origin").isEqualTo(200);
        assertThat(code(post("/v1/events?key=" + secret, "https://example.org", null, event)))
                .as("*.example.org is not example.org itself").isEqualTo("403 origin_not_allowed");

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/v1/decisions?key=" + secret)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as("the browser sends nothing")
                .isEmpty();
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/v1/decisions?key=" + secret)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SHOP).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(SHOP);

        for (String[] route : List.of(new String[] {"GET", "/v1/profiles/a-1"}, new String[] {"GET", "/v1/events"},
                new String[] {"GET", "/v1/catalogs"}, new String[] {"GET", "/v1/recommendations?catalog=shop"
                        + "&strategy=trending"}, new String[] {"POST", "/v1/decisions/preview"},
                new String[] {"GET", "/v1/reports"})) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + route[1]))
                    .header("Authorization", "Bearer " + secret).header("Origin", SHOP);
            request = route[0].equals("GET") ? request.GET()
                    : request.POST(HttpRequest.BodyPublishers.ofString("{\"catalog\": \"shop\"}"));
            HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("%s %s", route[0], route[1]).isEqualTo(403);
        }
    }

    @Test
    void eachAddressHasTheKeysRateAndIsToldWhenToComeBack() throws Exception {
        String secret = createKey(Map.of("name", "shop pages", "role", "browser", "origins", List.of(SHOP),
                "catalogs", List.of("shop"), "requestsPerAddressPerSecond", 3)).path("secret").asText();
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = post("/v1/events?key=" + secret, SHOP, null, "{\"type\":\"page_view\",\"anonymousId\":\"a-1\"}");
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).contains("1");
        JsonNode limited = Json.MAPPER.readTree(last.body());
        assertThat(limited.path("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.path("details").get(0).path("perSecond").asInt()).isEqualTo(3);
        assertThat(server.admin.get("/v1/catalogs").status()).as("other keys go on").isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String origin, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return response.statusCode() + " " + Json.MAPPER.readTree(response.body()).path("code").asText();
    }

}
