package org.attune.server.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attune import} against a real server: CSV with a mapping, NDJSON, rejections, failures. */
class ImportCommandTest {
    @TempDir
    static Path dataDir;
    static RunningServer server;

    @TempDir
    Path files;

    static final String SHOP = """
            {"id": "ignored", "name": "Test shop", "language": "en",
             "schema": {"attributes": [
               {"name": "title", "type": "string", "role": "title", "required": true},
               {"name": "price", "type": "number", "role": "price"},
               {"name": "page", "type": "url", "role": "url"}]}}""";

    static final String EVENTS_MAPPING = """
            {"target": "events",
             "csv": {"delimiter": ";"},
             "skipIf": {"column": "visitor", "empty": true},
             "fields": [
               {"field": "eventId", "template": "t-{order}-{sku}"},
               {"field": "type", "column": "what"},
               {"field": "anonymousId", "column": "visitor"},
               {"field": "itemId", "column": "sku"},
               {"field": "timestamp", "column": "at", "as": "datetime", "pattern": "dd.MM.yyyy HH:mm",
                "zone": "Europe/Berlin"},
               {"field": "properties.quantity", "column": "qty", "as": "integer"},
               {"field": "properties.note", "column": "note", "skipIfEmpty": true}]}""";

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CommandRun importing(String... args) {
        return CommandRun.against(server.url(), RunningServer.ADMIN_KEY, args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }

    private void createCatalog(String id) throws Exception {
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json",
                SHOP.replace("\"ignored\"", "\"" + id + "\"").getBytes(StandardCharsets.UTF_8));
    }

    /** Stored events of one catalog, oldest first. */
    static List<JsonNode> storedEvents(RunningServer server, String catalog) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        server.admin.get("/v1/events?limit=10000").body().path("events").forEach(e -> {
            if (e.path("catalog").asText().equals(catalog)) {
                events.add(e);
            }
        });
        return events;
    }

    @Test
    void csvWithHeaderAndMappingIsStoredAndReRunningStoresNothingTwice() throws Exception {
        createCatalog("csv-shop");
        Path mapping = write("mapping.json", EVENTS_MAPPING);
        Path csv = write("orders.csv", """
                order;sku;what;visitor;at;qty;note
                o1;p-1;view;a-1;31.01.2026 09:30;1;
                o1;p-2;purchase;a-1;31.01.2026 09:45;2;gift
                o2;p-1;purchase;;01.02.2026 10:00;1;
                o3;p-3;"add_to_cart";a-2;15.07.2025 12:00;3;
                """);

        CommandRun first = importing("events", "--catalog", "csv-shop", "--mapping", mapping.toString(),
                csv.toString());
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("4 records read").containsPattern("accepted +3")
                .containsPattern("skipped +1 +by the mapping: visitor is empty 1");

        List<JsonNode> events = storedEvents(server, "csv-shop");
        assertThat(events).extracting(e -> e.path("eventId").asText()).containsExactly("t-o1-p-1", "t-o1-p-2",
                "t-o3-p-3");
        JsonNode purchase = events.get(1);
        assertThat(purchase.path("type").asText()).isEqualTo("purchase");
        assertThat(purchase.path("anonymousId").asText()).isEqualTo("a-1");
        assertThat(purchase.path("itemIds")).extracting(JsonNode::asText).containsExactly("p-2");
        assertThat(purchase.path("timestamp").asText()).isEqualTo("2026-01-31T08:45:00Z");
        assertThat(purchase.path("properties").path("quantity").asInt()).isEqualTo(2);
        assertThat(purchase.path("properties").path("note").asText()).isEqualTo("gift");
        assertThat(events.get(0).path("properties").has("note")).isFalse();
        assertThat(events.get(2).path("timestamp").asText()).isEqualTo("2025-07-15T10:00:00Z");

        CommandRun again = importing("events", "--catalog", "csv-shop", "--mapping", mapping.toString(),
                csv.toString());
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).containsPattern("accepted +0").containsPattern("duplicates +3");
        assertThat(storedEvents(server, "csv-shop")).hasSize(3);
    }

    @Test
    void rejectedRowsAreReportedWithTheirLineNumbersAndValidRowsAreStored() throws Exception {
        createCatalog("rejects");
        Path mapping = write("mapping.json", EVENTS_MAPPING);
        // Line 3: a quantity the mapping cannot convert; line 5: a type the API refuses; lines 6-7: one row
        // whose quoted note spans two lines; line 8: a time far ahead, which the API refuses too.
        Path csv = write("orders.csv", """
                order;sku;what;visitor;at;qty;note
                r1;p-1;view;a-1;31.01.2026 09:30;1;
                r2;p-1;view;a-1;31.01.2026 09:30;many;
                r3;p-1;view;a-2;31.01.2026 09:30;1;
                r4;p-1;not a type!;a-2;31.01.2026 09:31;1;
                r5;p-2;view;a-3;31.01.2026 09:32;1;"two
                lines"
                r6;p-1;view;a-3;31.01.2099 09:33;1;
                r7;p-9;view;a-3;31.01.2026 09:34;1;
                """);
        CommandRun run = importing("events", "--catalog", "rejects", "--mapping", mapping.toString(), "--batch",
                "2", csv.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).containsPattern("accepted +4").containsPattern("rejected +3");
        assertThat(run.stderr()).contains("line 3: properties.quantity: column qty: 'many' is not a whole number");
        assertThat(run.stderr()).contains("line 5 (id t-r4-p-1): type:").contains("[invalid_type]");
        assertThat(run.stderr()).contains("line 8 (id t-r6-p-1): timestamp:").contains("[timestamp_in_future]");
        assertThat(storedEvents(server, "rejects")).extracting(e -> e.path("eventId").asText())
                .containsExactly("t-r1-p-1", "t-r3-p-1", "t-r5-p-2", "t-r7-p-9");
        assertThat(storedEvents(server, "rejects").get(2).path("properties").path("note").asText())
                .isEqualTo("two\nlines");
    }

    @Test
    void ndjsonEventsAreSentAsTheyAreWithTheCatalogFilledIn() throws Exception {
        createCatalog("ndjson-shop");
        createCatalog("other-shop");
        Path ndjson = files.resolve("events.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ndjson))) {
            out.write("""
                    {"eventId":"n-1","type":"view","anonymousId":"a-1","itemId":"p-1","properties":{"price":12.50}}

                    {"eventId":"n-2","type":"view","anonymousId":"a-1","itemId":"p-2","catalog":"other-shop"}
                    {"eventId":"n-3","type":"view", oops}
                    {"eventId":"n-4","type":"view","visitor":"a-1"}
                    {"eventId":"n-5","type":"click","userId":"u-1","itemIds":["p-1","p-3"]}
                    """.getBytes(StandardCharsets.UTF_8));
        }
        CommandRun run = importing("events", "--catalog", "ndjson-shop", ndjson.toString());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("5 records read").containsPattern("accepted +3")
                .containsPattern("rejected +2");
        assertThat(run.stderr()).contains("line 4: not valid JSON").contains("line 5 (id n-4): visitor:");
        List<JsonNode> mine = storedEvents(server, "ndjson-shop");
        assertThat(mine).extracting(e -> e.path("eventId").asText()).containsExactly("n-1", "n-5");
        assertThat(mine.get(0).path("properties").path("price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(storedEvents(server, "other-shop")).extracting(e -> e.path("eventId").asText())
                .containsExactly("n-2");
    }

    @Test
    void productsFromCsvWithCreateCatalogAndLastRowWinsForARepeatedId() throws Exception {
        Path definition = write("catalog.json", SHOP);
        Path mapping = write("products.json", """
                {"target": "products", "catalogDefinition": "catalog.json",
                 "fields": [{"field": "id", "column": "sku"},
                            {"field": "title", "column": "name", "skipIfEmpty": true},
                            {"field": "price", "column": "price", "as": "number", "skipIfEmpty": true},
                            {"field": "page", "column": "link", "as": "url", "skipIfEmpty": true}]}""");
        assertThat(definition).exists();
        Path csv = write("products.csv", """
                sku,name,price,link
                p-1,"Lamp, brass",19.90,https://shop.example/p-1
                p-2,Table,,
                p-1,"Lamp, brass",17.50,https://shop.example/p-1
                p-3,,5,
                p-4,Chair,abc,
                """);

        CommandRun missing = importing("products", "--catalog", "made-here", "--mapping", mapping.toString(),
                csv.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("catalog 'made-here' does not exist").contains("--create-catalog");

        CommandRun run = importing("products", "--catalog", "made-here", "--mapping", mapping.toString(),
                "--create-catalog", csv.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("created catalog 'made-here'").containsPattern("added +2")
                .containsPattern("repeated ids +1").containsPattern("rejected +2");
        assertThat(run.stderr()).contains("line 5 (id p-3): title:").contains("line 6: price: column price: 'abc'");
        JsonNode lamp = server.admin.get("/v1/catalogs/made-here/products/p-1").body();
        assertThat(lamp.path("attributes").path("title").asText()).isEqualTo("Lamp, brass");
        assertThat(lamp.path("attributes").path("price").decimalValue()).isEqualByComparingTo("17.50");
        assertThat(server.admin.get("/v1/catalogs/made-here").body().path("name").asText()).isEqualTo("Test shop");

        CommandRun again = importing("products", "--catalog", "made-here", "--mapping", mapping.toString(),
                "--create-catalog", csv.toString());
        assertThat(again.stderr()).containsPattern("added +0").containsPattern("unchanged +2");
    }

    @Test
    void anUnreachableServerIsAClearFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path ndjson = write("events.ndjson", "{\"type\":\"view\",\"anonymousId\":\"a\"}\n");
        CommandRun run = CommandRun.of("import", "--url", "http://127.0.0.1:" + closedPort, "--key", "k", "events",
                "--catalog", "shop", ndjson.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.stderr()).contains("cannot reach Attune at http://127.0.0.1:" + closedPort)
                .contains("ATTUNE_URL");
    }

    @Test
    void aRefusedKeyAndMistakesInArgumentsAreClearFailures() throws Exception {
        createCatalog("keys");
        Path ndjson = write("events.ndjson", "{\"type\":\"view\",\"anonymousId\":\"a\"}\n");
        CommandRun wrongKey = CommandRun.of("import", "--url", server.url(), "--key", "not-a-key", "events",
                "--catalog", "keys", ndjson.toString());
        assertThat(wrongKey.exitCode()).isEqualTo(3);
        assertThat(wrongKey.stderr()).contains("401").contains("--key or ATTUNE_KEY");

        Path csv = write("rows.csv", "a,b\n1,2\n");
        Path mapping = write("m.json", "{\"fields\": [{\"field\": \"type\", \"column\": \"kind\"}]}");
        CommandRun wrongColumn = importing("events", "--catalog", "keys", "--mapping", mapping.toString(),
                csv.toString());
        assertThat(wrongColumn.exitCode()).isEqualTo(2);
        assertThat(wrongColumn.stderr()).contains("reads column(s) [kind] but the file has [a, b]");

        assertThat(importing("events", "--catalog", "keys", "--preset", "no-such", csv.toString()).stderr())
                .contains("no such preset");
        assertThat(importing("events", "--catalog", "keys", "--format", "csv", csv.toString()).stderr())
                .contains("CSV needs a column mapping");
        assertThat(importing("products", "--catalog", "keys", "--preset", "movielens-100k-ratings", csv.toString())
                .stderr()).contains("this mapping produces events");
        assertThat(importing("events", "--catalog", "keys", "--batch", "20000", ndjson.toString()).exitCode())
                .isEqualTo(2);
        assertThat(importing("events", "--catalog", "keys", files.resolve("missing.csv").toString()).stderr())
                .contains("file not found");
        assertThat(storedEvents(server, "keys")).isEmpty();
    }
}
