package org.attune.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.attune.core.validation.RecordRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming reader against the way events were read before it, which the catalog and the
 * placement preview still use: a tree per record from {@link JsonRecordReader}, then
 * {@link EventValidator#validate(com.fasterxml.jackson.databind.JsonNode, long)}. Each body
 * must give the same events (to the byte, once encoded for the log) and the same rejections
 * (index, id, code, path and message), and what the table expects.
 */
class StreamingEventReaderTest {
    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final int MAX_RECORDS = 6;
    /** Small limits, so that a few values already go over them. */
    private static final EventLimits LIMITS = new EventLimits(1024 * 1024, MAX_RECORDS, 256, 64, 3,
            3, 20, 32, java.time.Duration.ofHours(24));
    private static final String OK = "{\"type\": \"view\", \"anonymousId\": \"a\"}";

    private final EventValidator validator = new EventValidator(LIMITS, Set.of("shop")::contains);
    private final StreamingEventReader reader = new StreamingEventReader(validator);

    static Stream<Arguments> bodies() {
        return Stream.of(
                body("valid records of every shape", """
                        {"eventId": "e1", "type": "purchase", "timestamp": "2026-03-01T10:00:00.250+01:00", \
                        "anonymousId": "a1", "userId": 77, "catalog": "shop", "itemId": "p1", "itemIds": ["p2", "p1"], \
                        "properties": {"price": 12.50, "total": 100.00, "tax": 1E+2, "zero": -0.0, "n": -0, \
                        "big": 12345678901234567890, "ok": true, "no": false, "none": null, "s": "é\\u00e9\\n"}, \
                        "context": {"surface": "web", "page": null, "ab": [1, [2.0]]}}
                        {"type": "view", "userId": "u", "timestamp": 1772366400000, "properties": null, "context": {}}
                        {"context": {"device": "m"}, "anonymousId": -0, "type": "view", "properties": {"a": {"b": [1]}}}
                        """, "ok / ok / ok"),
                body("an unknown field", "{\"type\": \"view\", \"anonymousId\": \"a\", \"price\": 3, \"itemid\": \"p\"}",
                        "unknown_field,unknown_field"),
                body("bad ids, the textual eventId naming the record", """
                        {"eventId": "%s", "type": "view", "anonymousId": "a"}
                        {"eventId": 12, "type": "view", "userId": "tab\\there"}
                        {"type": "view", "anonymousId": "", "itemId": ["p"], "itemIds": ["ok", "", {"id": 1}]}
                        {"type": "view", "anonymousId": {"id": 1}, "itemIds": "p"}
                        {"type": "view", "anonymousId": "a", "itemIds": ["1", "2", "3", "4"]}
                        """.formatted("x".repeat(257)),
                        "invalid_id / invalid_id / invalid_id,invalid_id,invalid_id,invalid_id / invalid_id,wrong_type"
                                + " / too_many_items"),
                body("bad types and a missing identity", """
                        {"anonymousId": "a"}
                        {"type": 42, "anonymousId": "a"}
                        {"type": "add to cart", "anonymousId": "a"}
                        {"type": "%s", "anonymousId": "a"}
                        {"type": "view", "anonymousId": null, "userId": null}
                        """.formatted("t".repeat(65)),
                        "invalid_type / invalid_type / invalid_type / invalid_type / missing_identity"),
                body("bad timestamps", """
                        {"type": "view", "anonymousId": "a", "timestamp": "yesterday"}
                        {"type": "view", "anonymousId": "a", "timestamp": 1.7672256E12}
                        {"type": "view", "anonymousId": "a", "timestamp": -1}
                        {"type": "view", "anonymousId": "a", "timestamp": "2026-03-05T00:00:00Z"}
                        {"type": "view", "anonymousId": "a", "timestamp": 99999999999999999999}
                        {"type": "view", "anonymousId": "a", "timestamp": {"at": 1}}
                        """,
                        "invalid_timestamp / invalid_timestamp / invalid_timestamp / timestamp_in_future"
                                + " / invalid_timestamp / invalid_timestamp"),
                body("catalogs", """
                        {"type": "view", "anonymousId": "a", "catalog": "shpo"}
                        {"type": "view", "anonymousId": "a", "catalog": 7}
                        """, "unknown_catalog / invalid_catalog"),
                body("properties and context too deep, too many, too long, or not objects", """
                        {"type": "view", "anonymousId": "a", "properties": {"a": {"b": {"c": {}}}}}
                        {"type": "view", "anonymousId": "a", "properties": {"a": [[1]]}, "context": {"a": [[[1]]]}}
                        {"type": "view", "anonymousId": "a", "context": %s, "properties": %s}
                        {"type": "view", "anonymousId": "a", "properties": {"a": [%s]}}
                        {"type": "view", "anonymousId": "a", "properties": {"a": "%s"}, "context": {"%s": 1}}
                        {"type": "view", "anonymousId": "a", "properties": [1], "context": {"page": 5}}
                        """.formatted(tenValues(), tenValues(), "1, ".repeat(19) + "20", "s".repeat(33),
                                "k".repeat(257)),
                        "too_complex / too_complex / too_complex / too_complex / too_complex,too_complex"
                                + " / wrong_type,wrong_type"),
                body("context counted before properties when it comes first", """
                        {"type": "view", "anonymousId": "a", "context": {"a": [%s]}, "properties": {"a": 1, "b": 2, "c": 3}}
                        """.formatted("1, ".repeat(14) + "15"), "too_complex"),
                body("every problem of a record together", """
                        {"type": "no spaces", "timestamp": "soon", "catalog": "nope", "itemIds": "p", \
                        "context": {"device": 1}, "extra": true}
                        """, "unknown_field,invalid_type,invalid_timestamp,missing_identity,unknown_catalog,wrong_type"
                        + ",wrong_type"),
                leftToTrees("repeated keys at the top, inside properties and inside an unknown field",
                        OK + "\n{\"type\": \"view\", \"type\": \"click\", \"anonymousId\": \"a\"}\n"
                                + "{\"type\": \"view\", \"anonymousId\": \"a\", \"properties\": {\"k\": 1,\n \"k\": 2}}\n"
                                + "{\"type\": \"view\", \"anonymousId\": \"a\", \"x\": 1, \"x\": 2}\n"
                                + "{\"type\": \"view\", \"anonymousId\": \"a\", \"x\": [{\"k\": 1, \"k\": 2}]}\n" + OK,
                        "ok / duplicate_key / duplicate_key / duplicate_key / duplicate_key / ok"),
                leftToTrees("lines that are not objects", OK + "\n[1, 2]\n4\n\"view\"\n" + OK,
                        "ok / not_an_object / not_an_object / not_an_object / ok"),
                leftToTrees("unreadable lines", OK + "\n{\"type\": \"view\",,}\n{\"type\": \"view\", \"anonymousId\":\n"
                        + "not json\n" + OK, "ok / malformed_json / malformed_json / malformed_json / ok"),
                leftToTrees("nesting beyond what the parser allows", OK + "\n{\"properties\": " + "[".repeat(70)
                        + "]".repeat(70) + "}\n" + OK, "ok / malformed_json / ok"),
                leftToTrees("numbers beyond a double", """
                        {"type": "view", "anonymousId": "a", "properties": {"p": [1, -1e400]}}
                        {"type": "view", "anonymousId": "a", "x": %s}
                        {"type": "view", "anonymousId": "a", "timestamp": 1e400}
                        {"type": "view", "anonymousId": "a", "properties": {"p": 1e308, "q": 1e-400}}
                        """.formatted("9".repeat(400)),
                        "non_finite_number / non_finite_number / non_finite_number / ok"),
                body("numbers at the edges of a double", "{\"type\": \"view\", \"anonymousId\": \"a\", "
                        + "\"properties\": {\"p\": 1e308, \"q\": 1e-400, \"r\": -1.7976931348623157e308, \"s\": "
                        + "9".repeat(300) + "}}", "ok"),
                leftToTrees("a null line", OK + "\nnull\n" + OK, "ok / not_an_object / ok"),
                body("an array body", " [" + OK + ",\n {\"type\": \"view\"}, {\"eventId\": \"e\"}]  ",
                        "ok / missing_identity / invalid_type,missing_identity"),
                leftToTrees("an array body with an element that is not an object or holds a repeated key",
                        "[" + OK + ", 4, null, {\"type\": \"view\", \"anonymousId\": \"a\", \"anonymousId\": \"b\"}]",
                        "ok / not_an_object / not_an_object / duplicate_key"),
                body("an array body followed by more", "[" + OK + "] {\"type\": \"view\"}", "ok"),
                leftToTrees("an array body that is not JSON", "[" + OK + ", {\"type\": ]", "throws malformed_json"),
                leftToTrees("an array body cut off", "[" + OK + ",", "throws malformed_json"),
                body("objects one after another on a line, and one over several lines",
                        OK + OK + " " + OK + "\n{\n  \"type\": \"view\",\n  \"userId\": \"u\"\n}\n", "ok / ok / ok / ok"),
                leftToTrees("more records than allowed", (OK + "\n").repeat(MAX_RECORDS + 1), "throws batch_too_large"),
                leftToTrees("more records than allowed in an array", "[" + (OK + ",").repeat(MAX_RECORDS) + OK + "]",
                        "throws batch_too_large"),
                body("as many records as allowed", (OK + "\n").repeat(MAX_RECORDS), "ok / ok / ok / ok / ok / ok"),
                leftToTrees("a byte order mark before an array", "\uFEFF[" + OK + "]", "ok"),
                body("an empty body", " \n\r\n\t ", ""));
    }

    /** An object of ten numbers: eleven values. */
    private static String tenValues() {
        return "{" + java.util.stream.IntStream.range(0, 10).mapToObj(i -> "\"k" + i + "\": " + i)
                .collect(Collectors.joining(", ")) + "}";
    }

    /** A body the streaming reader reads from tokens alone. */
    private static Arguments body(String what, String body, String expected) {
        return Arguments.of(what, body, expected, true);
    }

    /** A body with something only the tree reader words exactly, so the streaming reader hands it over. */
    private static Arguments leftToTrees(String what, String body, String expected) {
        return Arguments.of(what, body, expected, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void eachBodyGivesWhatTheTreeReaderGives(String what, String body, String expected, boolean byTokens) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(reader.readByTokens(bytes, 0, bytes.length, MAX_RECORDS, NOW) != null)
                .as("read from tokens alone").isEqualTo(byTokens);

        Seen streamed = outcome(() -> reader.read(bytes, 0, bytes.length, MAX_RECORDS, NOW));
        Seen asTrees = outcome(() -> readAsTrees(bytes, 0, bytes.length));

        assertThat(streamed.detail()).isEqualTo(asTrees.detail());
        assertThat(streamed.summary()).isEqualTo(expected);
    }

    @Test
    void aRangeOfABodyIsReadWithIndexesFromItsStart() {
        String head = OK + "\n";
        byte[] bytes = (head + "{\"eventId\": \"e2\", \"type\": \"view\"}\n" + OK + "\n{\"n\": 1, \"n\": 2}\n")
                .getBytes(StandardCharsets.UTF_8);
        int end = bytes.length - "{\"n\": 1, \"n\": 2}\n".length();

        StreamingEventReader.Batch batch = reader.read(bytes, head.length(), end, MAX_RECORDS, NOW);

        assertThat(batch.records()).isEqualTo(2);
        assertThat(batch.valid()).hasSize(1);
        assertThat(batch.rejected()).extracting(RecordRejection::index, RecordRejection::id)
                .containsExactly(tuple(0, "e2"));
    }

    @Test
    void generatedShopEventsGiveTheSameEventsAndTheSameLogBytes() {
        List<ObjectNode> generated = new ArrayList<>();
        new ShopGenerator(ShopSpec.demo().withProducts(500).withShoppers(300).withDays(3)
                .withEnd(Instant.parse("2026-03-01T00:00:00Z").truncatedTo(ChronoUnit.DAYS))).events(e -> {
                    if (generated.size() < 3_000) {
                        generated.add(e);
                    }
                });
        StringBuilder ndjson = new StringBuilder();
        for (ObjectNode event : generated) {
            ndjson.append(event).append('\n');
        }
        byte[] bytes = ndjson.toString().getBytes(StandardCharsets.UTF_8);
        EventValidator anyCatalog = new EventValidator(EventLimits.DEFAULTS, catalog -> true);

        StreamingEventReader.Batch streamed = new StreamingEventReader(anyCatalog)
                .read(bytes, 0, bytes.length, 10_000, NOW);
        List<Event> asTrees = new ArrayList<>();
        for (JsonRecordReader.RawRecord record : new JsonRecordReader().read(bytes, bytes.length, 10_000)) {
            asTrees.add(anyCatalog.validate(record.json(), NOW).event());
        }

        assertThat(streamed.rejected()).isEmpty();
        assertThat(streamed.valid()).hasSize(generated.size()).isEqualTo(asTrees);
        assertThat(encoded(streamed.valid())).isEqualTo(encoded(asTrees));
    }

    /** Before the streaming reader: a tree per record, then the validator on the tree. */
    private StreamingEventReader.Batch readAsTrees(byte[] body, int from, int to) {
        List<Event> valid = new ArrayList<>();
        List<RecordRejection> rejected = new ArrayList<>();
        List<JsonRecordReader.RawRecord> records = new JsonRecordReader().read(body, from, to, MAX_RECORDS);
        for (JsonRecordReader.RawRecord record : records) {
            if (record.json() == null) {
                rejected.add(new RecordRejection(record.index(), null, List.of(record.problem())));
                continue;
            }
            EventValidator.Outcome outcome = validator.validate(record.json(), NOW);
            if (outcome.event() != null) {
                valid.add(outcome.event());
            } else {
                String id = record.json().path("eventId").isTextual() ? record.json().get("eventId").asText() : null;
                rejected.add(new RecordRejection(record.index(), id, outcome.problems()));
            }
        }
        return new StreamingEventReader.Batch(records.size(), valid, rejected);
    }

    /**
     * What a sender or the log sees of a batch.
     *
     * @param detail one line per record: the event encoded for the log, or the rejection with
     *     the id and every problem's code, path and message; or the refusal of the whole body
     * @param summary what the table writes: "ok" or the codes, per record
     */
    private record Seen(String detail, String summary) {
    }

    private static Seen outcome(java.util.function.Supplier<StreamingEventReader.Batch> read) {
        StreamingEventReader.Batch batch;
        try {
            batch = read.get();
        } catch (InvalidInputException e) {
            return new Seen("throws " + e.code() + ": " + e.getMessage(), "throws " + e.code());
        }
        String[] details = new String[batch.records()];
        String[] summaries = new String[batch.records()];
        for (RecordRejection rejection : batch.rejected()) {
            details[rejection.index()] = "rejected id=" + rejection.id() + " " + rejection.problems().stream()
                    .map(p -> p.code() + "@" + p.path() + ": " + p.message()).collect(Collectors.joining(" | "));
            summaries[rejection.index()] = rejection.problems().stream().map(Problem::code)
                    .collect(Collectors.joining(","));
        }
        String[] events = new String(encoded(batch.valid()), StandardCharsets.UTF_8).split("\n");
        int next = 0;
        for (int i = 0; i < details.length; i++) {
            if (details[i] == null) {
                details[i] = "ok " + events[next++];
                summaries[i] = "ok";
            }
        }
        assertThat(next).as("one event per record not rejected").isEqualTo(batch.valid().size());
        return new Seen(String.join("\n", details), String.join(" / ", summaries));
    }

    private static byte[] encoded(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventCodec().encode(events, out);
        return out.toByteArray();
    }

    @Test
    void theTableCoversEachRuleOfTheValidator() {
        // A guard against the table losing a case: every code the validator or the record reader can give.
        Set<String> codes = bodies().map(arguments -> (String) arguments.get()[2])
                .flatMap(expected -> Stream.of(expected.split("[ /,]+")))
                .collect(Collectors.toSet());

        assertThat(codes).contains("unknown_field", "invalid_id", "invalid_type", "invalid_timestamp",
                "timestamp_in_future", "missing_identity", "unknown_catalog", "invalid_catalog", "wrong_type",
                "too_many_items", "too_complex", "duplicate_key", "not_an_object", "malformed_json",
                "non_finite_number", "batch_too_large");
    }
}
