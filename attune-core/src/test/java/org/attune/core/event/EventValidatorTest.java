package org.attune.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.attune.core.json.Json;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {
    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final Set<String> CATALOGS = Set.of("shop");

    private final EventValidator validator = new EventValidator(EventLimits.DEFAULTS, CATALOGS::contains);

    @Test
    void aMinimalEventGetsDefaultsAndNoSequenceNumber() {
        Event event = valid("{\"type\": \"view\", \"anonymousId\": \"a1\"}");

        assertThat(event.seq()).isZero();
        assertThat(event.eventId()).isNull();
        assertThat(event.type()).isEqualTo("view");
        assertThat(event.anonymousId()).isEqualTo("a1");
        assertThat(event.userId()).isNull();
        assertThat(event.catalog()).isNull();
        assertThat(event.itemIds()).isEmpty();
        assertThat(event.properties().isEmpty()).isTrue();
        assertThat(event.context().isEmpty()).isTrue();
        assertThat(event.timestamp()).as("no timestamp means now").isEqualTo(NOW);
        assertThat(event.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void aFullEventKeepsEveryField() {
        Event event = valid("""
                {"eventId": "e-1", "type": "purchase", "timestamp": "2026-03-01T10:00:00Z",
                 "anonymousId": "a1", "userId": "u1", "catalog": "shop", "itemId": "p1",
                 "properties": {"price": 12.50, "items": [{"id": "p1"}]},
                 "context": {"surface": "web", "page": "/checkout", "referrer": "https://ex.com/",
                             "device": "mobile", "recId": "rec-9", "campaign": {"id": 3}}}
                """);

        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.userId()).isEqualTo("u1");
        assertThat(event.catalog()).isEqualTo("shop");
        assertThat(event.itemIds()).containsExactly("p1");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
        assertThat(event.properties()).isEqualTo(json("{\"price\": 12.50, \"items\": [{\"id\": \"p1\"}]}"));
        assertThat(event.properties().get("price").toString()).isEqualTo("12.50");
        assertThat(event.context().get("recId").asText()).isEqualTo("rec-9");
        assertThat(event.context().at("/campaign/id").asInt()).isEqualTo(3);
    }

    @Test
    void anEventWithoutAnyIdentityIsRejected() {
        assertThat(problems("{\"type\": \"view\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("anonymousId", "missing_identity"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": null, \"userId\": null}"))
                .extracting(Problem::code).containsExactly("missing_identity");
    }

    @Test
    void aUserIdAloneIsEnoughIdentity() {
        Event event = valid("{\"type\": \"login\", \"userId\": \"u7\"}");

        assertThat(event.userId()).isEqualTo("u7");
        assertThat(event.anonymousId()).isNull();
    }

    @Test
    void idsMustBeShortStringsWithoutControlCharacters() {
        String longest = "x".repeat(256);
        assertThat(valid("{\"type\": \"view\", \"eventId\": \"" + longest + "\", \"anonymousId\": 12345}").eventId())
                .isEqualTo(longest);
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": 12345}").anonymousId())
                .as("integral ids are taken as text").isEqualTo("12345");

        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"eventId\": \"" + "x".repeat(257) + "\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("eventId", "invalid_id"));
        assertThat(problems("{\"type\": \"view\", \"userId\": \"tab\\there\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("userId", "invalid_id"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("anonymousId", "invalid_id"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": {\"id\": 1}}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("anonymousId", "invalid_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"view", "add_to_cart", "checkout.step:2", "Custom-Event", "a"})
    void typeNamesOfLettersDigitsAndSeparatorsAreAccepted(String type) {
        assertThat(valid("{\"type\": \"" + type + "\", \"anonymousId\": \"a\"}").type()).isEqualTo(type);
    }

    @Test
    void typeNameAtTheLengthLimitIsAccepted() {
        String type = "t".repeat(64);
        assertThat(valid("{\"type\": \"" + type + "\", \"anonymousId\": \"a\"}").type()).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"add to cart\"", "\"a/b\"", "\"käse\"", "\"view\\n\"", "42", "null", "[\"view\"]"})
    void badTypeNamesAreRejected(String type) {
        assertThat(problems("{\"type\": " + type + ", \"anonymousId\": \"a\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("type", "invalid_type"));
    }

    @Test
    void typeNamesLongerThanSixtyFourCharactersAreRejected() {
        assertThat(problems("{\"type\": \"" + "t".repeat(65) + "\", \"anonymousId\": \"a\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("type", "invalid_type"));
    }

    @Test
    void aMissingTypeIsRejected() {
        assertThat(problems("{\"anonymousId\": \"a\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("type", "invalid_type"));
    }

    @Test
    void timestampsAreIsoWithAnOffsetOrEpochMilliseconds() {
        assertThat(valid(withTimestamp("\"2026-03-01T13:30:00+01:00\"")).timestamp())
                .isEqualTo(Instant.parse("2026-03-01T12:30:00Z").toEpochMilli());
        assertThat(valid(withTimestamp("\"2026-02-28T23:59:59.250Z\"")).timestamp())
                .isEqualTo(Instant.parse("2026-02-28T23:59:59.250Z").toEpochMilli());
        assertThat(valid(withTimestamp("1767225600000")).timestamp()).isEqualTo(1_767_225_600_000L);
        assertThat(valid(withTimestamp("null")).timestamp()).as("explicit null means now").isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-03-01T12:00:00\"", "\"2026-03-01\"", "\"yesterday\"", "\"\"", "true", "1.767225600E12",
            "{\"at\": 1}"})
    void otherTimestampsAreRejected(String timestamp) {
        assertThat(problems(withTimestamp(timestamp)))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("timestamp", "invalid_timestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9223372036854775808", "-1", "\"1969-12-31T23:59:59.999Z\"",
            "\"-999999999-01-01T00:00:00Z\""})
    void timestampsBeforeTheEpochAreRejected(String timestamp) {
        assertThat(problems(withTimestamp(timestamp)))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("timestamp", "invalid_timestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "\"+999999999-12-31T23:59:59Z\""})
    void timestampsBeyondAnyCalendarAreInTheFuture(String timestamp) {
        assertThat(problems(withTimestamp(timestamp)))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("timestamp", "timestamp_in_future"));
    }

    @Test
    void theEpochAndMovieLensTimesAreAccepted() {
        assertThat(valid(withTimestamp("0")).timestamp()).isZero();
        assertThat(valid(withTimestamp("\"1997-09-20T03:05:10Z\"")).timestamp()).isEqualTo(874_724_710_000L);
    }

    @Test
    void timestampsUpToTwentyFourHoursAheadAreAcceptedAndLaterOnesRejected() {
        long limit = NOW + Duration.ofHours(24).toMillis();
        assertThat(valid(withTimestamp(Long.toString(limit))).timestamp()).isEqualTo(limit);

        assertThat(problems(withTimestamp(Long.toString(limit + 1))))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("timestamp", "timestamp_in_future"));
        assertThat(problems(withTimestamp("\"2026-03-03T12:00:00Z\"")))
                .extracting(Problem::code).containsExactly("timestamp_in_future");
        assertThat(valid(withTimestamp("\"2020-01-01T00:00:00Z\"")).timestamp())
                .as("old events (backfills) are fine").isEqualTo(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void theCatalogMustExist() {
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"catalog\": \"shop\"}").catalog()).isEqualTo("shop");
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"catalog\": null}").catalog()).isNull();

        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"catalog\": \"shpo\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("catalog", "unknown_catalog"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"catalog\": 7}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("catalog", "invalid_catalog"));
    }

    @Test
    void itemIdAndItemIdsAreMergedWithoutRepeats() {
        Event event = valid("""
                {"type": "view", "anonymousId": "a", "itemId": "p1", "itemIds": ["p2", "p1", "p3", "p2", 42]}
                """);

        assertThat(event.itemIds()).containsExactly("p1", "p2", "p3", "42");
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"itemIds\": [\"b\", \"a\"]}").itemIds())
                .containsExactly("b", "a");
    }

    @Test
    void badItemIdsAreReportedByPosition() {
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"itemIds\": [\"ok\", \"\", {\"id\": 1}]}"))
                .extracting(Problem::path, Problem::code)
                .containsExactly(tuple("itemIds[1]", "invalid_id"), tuple("itemIds[2]", "invalid_id"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"itemIds\": \"p1\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("itemIds", "wrong_type"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"itemId\": [\"p1\"]}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("itemId", "invalid_id"));
    }

    @Test
    void atMostOneHundredItemIdsPerEvent() {
        assertThat(valid(withItems(null, 100)).itemIds()).hasSize(100);

        assertThat(problems(withItems(null, 101)))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("itemIds", "too_many_items"));
        assertThat(problems(withItems("extra", 100)))
                .as("itemId counts towards the limit too")
                .extracting(Problem::path, Problem::code).containsExactly(tuple("itemIds", "too_many_items"));
    }

    @Test
    void propertiesAndContextMustBeObjects() {
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"properties\": [1, 2]}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("properties", "wrong_type"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": \"web\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("context", "wrong_type"));
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"properties\": null}").properties().isEmpty())
                .isTrue();
    }

    @Test
    void propertiesMayNestEightLevelsCountingPropertiesItself() {
        assertThat(valid(withProperties(nested(8))).properties()).isEqualTo(json(nested(8)));

        assertThat(problems(withProperties(nested(9))))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("properties", "too_complex"));
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": " + nested(9) + "}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("context", "too_complex"));
    }

    @Test
    void arraysCountAsNestingLevels() {
        EventValidator strict = new EventValidator(limits(3, 1_000, 10_000), CATALOGS::contains);

        assertThat(strict.validate(json(withProperties("{\"a\": [[1, 2]]}")), NOW).problems()).isEmpty();
        assertThat(strict.validate(json(withProperties("{\"a\": [[[1]]]}")), NOW).problems())
                .extracting(Problem::path, Problem::code).containsExactly(tuple("properties", "too_complex"));
    }

    @Test
    void propertiesAndContextTogetherHoldAtMostTheNodeLimit() {
        EventValidator strict = new EventValidator(limits(8, 10, 10_000), CATALOGS::contains);
        String six = "{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"f\": 6}";
        String twelve = "{\"a\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}";

        assertThat(strict.validate(json(withProperties("{\"a\": 1, \"b\": 2}")), NOW).problems()).isEmpty();
        assertThat(strict.validate(json(withProperties(twelve)), NOW).problems())
                .extracting(Problem::path, Problem::code).containsExactly(tuple("properties", "too_complex"));
        assertThat(strict.validate(json("{\"type\": \"view\", \"anonymousId\": \"a\", \"properties\": " + six
                        + ", \"context\": " + six + "}"), NOW).problems())
                .as("twelve values are over a limit of ten, though each half is under it")
                .extracting(Problem::code).containsExactly("too_complex");
    }

    @Test
    void longStringsAndKeysInsidePropertiesOrContextAreRejected() {
        EventValidator strict = new EventValidator(limits(8, 1_000, 16), CATALOGS::contains);
        String sixteen = "s".repeat(16);

        assertThat(strict.validate(json(withProperties("{\"a\": [\"" + sixteen + "\"]}")), NOW).problems()).isEmpty();
        assertThat(strict.validate(json(withProperties("{\"a\": [\"" + sixteen + "x\"]}")), NOW).problems())
                .extracting(Problem::path, Problem::code).containsExactly(tuple("properties", "too_complex"));
        assertThat(strict.validate(json("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": {\"page\": \""
                        + sixteen + "x\"}}"), NOW).problems())
                .extracting(Problem::path, Problem::code).containsExactly(tuple("context", "too_complex"));
        assertThat(problems(withProperties("{\"" + "k".repeat(257) + "\": 1}")))
                .as("keys are limited like ids").extracting(Problem::code).containsExactly("too_complex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"surface", "page", "referrer", "device", "recId"})
    void knownContextFieldsMustBeStrings(String field) {
        assertThat(valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": {\"" + field + "\": \"x\"}}")
                .context().get(field).asText()).isEqualTo("x");
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": {\"" + field + "\": 5}}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("context." + field, "wrong_type"));
    }

    @Test
    void otherContextFieldsMayHoldAnyJson() {
        Event event = valid("{\"type\": \"view\", \"anonymousId\": \"a\", \"context\": {\"screen\": {\"w\": 390},"
                + " \"ab\": [1, true], \"page\": null}}");

        assertThat(event.context().at("/screen/w").asInt()).isEqualTo(390);
    }

    @Test
    void unknownTopLevelFieldsAreRejectedByName() {
        assertThat(problems("{\"type\": \"view\", \"anonymousId\": \"a\", \"price\": 3, \"itemid\": \"p\"}"))
                .extracting(Problem::path, Problem::code)
                .containsExactlyInAnyOrder(tuple("price", "unknown_field"), tuple("itemid", "unknown_field"));
    }

    @Test
    void everyProblemOfARecordIsReportedTogether() {
        assertThat(problems("""
                {"type": "no spaces", "timestamp": "soon", "catalog": "nope", "itemIds": "p",
                 "context": {"device": 1}, "extra": true}
                """))
                .extracting(Problem::path, Problem::code)
                .containsExactlyInAnyOrder(
                        tuple("extra", "unknown_field"),
                        tuple("type", "invalid_type"),
                        tuple("timestamp", "invalid_timestamp"),
                        tuple("anonymousId", "missing_identity"),
                        tuple("catalog", "unknown_catalog"),
                        tuple("itemIds", "wrong_type"),
                        tuple("context.device", "wrong_type"));
    }

    @Test
    void aRecordThatIsNotAnObjectIsRejected() {
        EventValidator.Outcome outcome = validator.validate(json("[{\"type\": \"view\"}]"), NOW);

        assertThat(outcome.event()).isNull();
        assertThat(outcome.problems()).extracting(Problem::code).containsExactly("not_an_object");
        assertThat(validator.validate(null, NOW).problems()).extracting(Problem::code).containsExactly("not_an_object");
    }

    @Test
    void limitsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new EventLimits(16L * 1024 * 1024, 0, 256, 64, 100, 8, 1_000, 10_000, Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventLimits(16L * 1024 * 1024, 10, 256, 64, 100, 8, 1_000, 10_000, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventLimits.DEFAULTS.maxBatchSize()).isEqualTo(10_000);
        assertThat(EventLimits.DEFAULTS.maxItemIds()).isEqualTo(100);
    }

    private Event valid(String record) {
        EventValidator.Outcome outcome = validator.validate(json(record), NOW);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.event()).isNotNull();
        return outcome.event();
    }

    private List<Problem> problems(String record) {
        EventValidator.Outcome outcome = validator.validate(json(record), NOW);
        assertThat(outcome.event()).as("a rejected record yields no event").isNull();
        return outcome.problems();
    }

    private static EventLimits limits(int depth, int nodes, int stringLength) {
        EventLimits d = EventLimits.DEFAULTS;
        return new EventLimits(d.maxBodyBytes(), d.maxBatchSize(), d.maxIdLength(), d.maxTypeLength(), d.maxItemIds(),
                depth, nodes, stringLength, d.maxFutureSkew());
    }

    private static String withTimestamp(String timestamp) {
        return "{\"type\": \"view\", \"anonymousId\": \"a\", \"timestamp\": " + timestamp + "}";
    }

    private static String withProperties(String properties) {
        return "{\"type\": \"view\", \"anonymousId\": \"a\", \"properties\": " + properties + "}";
    }

    private static String withItems(String itemId, int count) {
        ObjectNode record = JsonNodeFactory.instance.objectNode().put("type", "view").put("anonymousId", "a");
        if (itemId != null) {
            record.put("itemId", itemId);
        }
        ArrayNode ids = record.putArray("itemIds");
        for (int i = 0; i < count; i++) {
            ids.add("p" + i);
        }
        return record.toString();
    }

    /** An object nested {@code levels} deep, counting itself: {"l":{"l":...{"l":1}}}. */
    private static String nested(int levels) {
        return "{\"l\": ".repeat(levels - 1) + "{\"l\": 1}" + "}".repeat(levels - 1);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
