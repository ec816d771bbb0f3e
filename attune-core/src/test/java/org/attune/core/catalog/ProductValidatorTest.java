package org.attune.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductValidatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final CatalogSchema SCHEMA = new CatalogSchema(List.of(
            new AttributeDefinition("title", AttributeType.STRING, AttributeRole.TITLE, true),
            new AttributeDefinition("brand", AttributeType.STRING, AttributeRole.BRAND, false),
            new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false),
            new AttributeDefinition("in_stock", AttributeType.BOOLEAN, AttributeRole.AVAILABILITY, false),
            new AttributeDefinition("tags", AttributeType.STRING_LIST, AttributeRole.TAGS, false),
            new AttributeDefinition("link", AttributeType.URL, AttributeRole.URL, false),
            new AttributeDefinition("released", AttributeType.TIMESTAMP, null, false)));

    private final ProductValidator validator = new ProductValidator(SCHEMA);

    @Test
    void aValidProductKeepsItsAttributesWithoutTheId() {
        Product product = valid("""
                {"id": "p1", "title": "Mug", "price": 12.50, "in_stock": true, "tags": ["kitchen", "gift"],
                 "link": "https://shop.example/p/1", "released": "2026-01-31T12:00:00Z"}
                """);

        assertThat(product.id()).isEqualTo("p1");
        assertThat(product.attributes()).isEqualTo(json("""
                {"title": "Mug", "price": 12.50, "in_stock": true, "tags": ["kitchen", "gift"],
                 "link": "https://shop.example/p/1", "released": "2026-01-31T12:00:00Z"}
                """));
        assertThat(product.attributes().get("price").toString()).isEqualTo("12.50");
        assertThat(product.available()).isTrue();
        assertThat(product.updatedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            brand    | "Acme ü"                        | "Acme ü"
            price    | 12.50                           | 12.50
            price    | 0                               | 0
            price    | -3                              | -3
            in_stock | false                           | false
            tags     | []                              | []
            tags     | ["a", "b"]                      | ["a", "b"]
            link     | "http://shop.example"           | "http://shop.example"
            link     | "https://shop.example/p?id=1"   | "https://shop.example/p?id=1"
            released | "2026-01-31T13:00:00+01:00"     | "2026-01-31T12:00:00Z"
            released | "2026-01-31T12:00:00.5Z"        | "2026-01-31T12:00:00.500Z"
            released | 0                               | "1970-01-01T00:00:00Z"
            released | 1767225600000                   | "2026-01-01T00:00:00Z"
            """)
    void acceptedValuesAreStoredNormalised(String attribute, String value, String stored) {
        Product product = valid("{\"id\": \"p1\", \"title\": \"Mug\", \"" + attribute + "\": " + value + "}");

        assertThat(product.attributes().get(attribute)).isEqualTo(json(stored));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            brand    | 5                           | wrong_type
            brand    | ["Acme"]                    | wrong_type
            price    | "12.50"                     | wrong_type
            price    | true                        | wrong_type
            in_stock | "yes"                       | wrong_type
            in_stock | 1                           | wrong_type
            tags     | "kitchen"                   | wrong_type
            tags     | ["a", 1]                    | wrong_type
            tags     | [["a"]]                     | wrong_type
            link     | "ftp://shop.example/p"      | invalid_url
            link     | "/p/1"                      | invalid_url
            link     | "https://"                  | invalid_url
            link     | 5                           | invalid_url
            released | "2026-01-31T12:00:00"       | invalid_timestamp
            released | "2026-01-31"                | invalid_timestamp
            released | "last week"                 | invalid_timestamp
            released | true                        | invalid_timestamp
            """)
    void rejectedValuesNameTheAttribute(String attribute, String value, String code) {
        assertThat(problems("{\"id\": \"p1\", \"title\": \"Mug\", \"" + attribute + "\": " + value + "}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple(attribute, code));
    }

    @Test
    void stringsAndListsHaveLengthLimits() {
        assertThat(problems("{\"id\": \"p1\", \"title\": \"Mug\", \"brand\": \""
                + "b".repeat(ProductValidator.MAX_STRING_LENGTH + 1) + "\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("brand", "too_long"));
        assertThat(valid("{\"id\": \"p1\", \"title\": \"" + "t".repeat(ProductValidator.MAX_STRING_LENGTH) + "\"}")
                .attributes().get("title").asText()).hasSize(ProductValidator.MAX_STRING_LENGTH);
        StringBuilder tags = new StringBuilder("[");
        for (int i = 0; i <= ProductValidator.MAX_LIST_SIZE; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        assertThat(problems("{\"id\": \"p1\", \"title\": \"Mug\", \"tags\": " + tags + "]}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("tags", "too_long"));
    }

    @Test
    void anAttributeOutsideTheSchemaIsRejected() {
        assertThat(problems("{\"id\": \"p1\", \"title\": \"Mug\", \"colour\": \"red\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("colour", "unknown_attribute"));
    }

    @Test
    void aRequiredAttributeMustHaveAValue() {
        assertThat(problems("{\"id\": \"p1\", \"price\": 3}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("title", "required"));
        assertThat(problems("{\"id\": \"p1\", \"title\": null}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("title", "required"));
    }

    @Test
    void anOptionalAttributeSetToNullIsLeftOut() {
        assertThat(valid("{\"id\": \"p1\", \"title\": \"Mug\", \"price\": null}").attributes().has("price")).isFalse();
    }

    @Test
    void idsAreRequiredShortStrings() {
        assertThat(valid("{\"id\": 42, \"title\": \"Mug\"}").id()).isEqualTo("42");
        assertThat(valid("{\"id\": \"" + "i".repeat(256) + "\", \"title\": \"Mug\"}").id()).hasSize(256);

        assertThat(problems("{\"title\": \"Mug\"}")).extracting(Problem::path, Problem::code)
                .containsExactly(tuple("id", "invalid_id"));
        assertThat(problems("{\"id\": \"\", \"title\": \"Mug\"}")).extracting(Problem::code).containsExactly("invalid_id");
        assertThat(problems("{\"id\": \"" + "i".repeat(257) + "\", \"title\": \"Mug\"}"))
                .extracting(Problem::code).containsExactly("invalid_id");
        assertThat(problems("{\"id\": \"a\\nb\", \"title\": \"Mug\"}")).extracting(Problem::code).containsExactly("invalid_id");
        assertThat(problems("{\"id\": {\"x\": 1}, \"title\": \"Mug\"}")).extracting(Problem::code).containsExactly("invalid_id");
    }

    @Test
    void everyProblemOfAProductIsReported() {
        assertThat(problems("{\"price\": \"free\", \"colour\": \"red\", \"link\": \"nope\"}"))
                .extracting(Problem::path, Problem::code).containsExactlyInAnyOrder(
                        tuple("id", "invalid_id"),
                        tuple("price", "wrong_type"),
                        tuple("colour", "unknown_attribute"),
                        tuple("link", "invalid_url"),
                        tuple("title", "required"));
    }

    @Test
    void theAvailabilityAttributeDecidesWhetherAProductIsAvailable() {
        assertThat(valid("{\"id\": \"p1\", \"title\": \"Mug\", \"in_stock\": false}").available()).isFalse();
        assertThat(valid("{\"id\": \"p1\", \"title\": \"Mug\", \"in_stock\": true}").available()).isTrue();
        assertThat(valid("{\"id\": \"p1\", \"title\": \"Mug\"}").available()).as("no value: available").isTrue();

        ProductValidator withoutRole = new ProductValidator(new CatalogSchema(List.of(
                new AttributeDefinition("title", AttributeType.STRING, null, false),
                new AttributeDefinition("in_stock", AttributeType.BOOLEAN, null, false))));
        assertThat(withoutRole.validate(json("{\"id\": \"p1\", \"in_stock\": false}"), NOW).product().available())
                .as("a boolean without the availability role means nothing to Attune").isTrue();
    }

    @Test
    void aPatchChangesOnlyTheAttributesItNames() {
        Product existing = valid("{\"id\": \"p1\", \"title\": \"Mug\", \"price\": 10, \"tags\": [\"a\"]}");

        Product patched = patch(existing, "{\"price\": 8.50, \"in_stock\": false}");

        assertThat(patched.id()).isEqualTo("p1");
        assertThat(patched.attributes()).isEqualTo(json(
                "{\"title\": \"Mug\", \"price\": 8.50, \"tags\": [\"a\"], \"in_stock\": false}"));
        assertThat(patched.available()).isFalse();
        assertThat(patched.updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(existing.attributes()).as("the existing product is not modified")
                .isEqualTo(json("{\"title\": \"Mug\", \"price\": 10, \"tags\": [\"a\"]}"));
    }

    @Test
    void aNullInAPatchRemovesTheAttribute() {
        Product existing = valid("{\"id\": \"p1\", \"title\": \"Mug\", \"price\": 10, \"in_stock\": false}");

        Product patched = patch(existing, "{\"price\": null, \"in_stock\": null}");

        assertThat(patched.attributes()).isEqualTo(json("{\"title\": \"Mug\"}"));
        assertThat(patched.available()).isTrue();
    }

    @Test
    void aPatchCannotRemoveARequiredAttribute() {
        Product existing = valid("{\"id\": \"p1\", \"title\": \"Mug\"}");

        assertThat(patchProblems(existing, "{\"title\": null}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("title", "required"));
    }

    @Test
    void aPatchCannotChangeTheId() {
        Product existing = valid("{\"id\": \"p1\", \"title\": \"Mug\"}");

        assertThat(patchProblems(existing, "{\"id\": \"p2\", \"title\": \"Cup\"}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("id", "id_mismatch"));
        assertThat(patch(existing, "{\"id\": \"p1\", \"title\": \"Cup\"}").attributes().get("title").asText())
                .as("repeating the same id is fine").isEqualTo("Cup");
    }

    @Test
    void aPatchIsValidatedLikeAProduct() {
        Product existing = valid("{\"id\": \"p1\", \"title\": \"Mug\"}");

        assertThat(patchProblems(existing, "{\"price\": \"cheap\", \"size\": \"L\", \"released\": \"2026-01-31T13:00:00+01:00\"}"))
                .extracting(Problem::path, Problem::code)
                .containsExactlyInAnyOrder(tuple("price", "wrong_type"), tuple("size", "unknown_attribute"));
        assertThat(patch(existing, "{\"released\": \"2026-01-31T13:00:00+01:00\"}").attributes().get("released").asText())
                .isEqualTo("2026-01-31T12:00:00Z");
        assertThat(validator.patch(existing, json("[]"), NOW).problems()).extracting(Problem::code)
                .containsExactly("not_an_object");
    }

    private Product valid(String json) {
        ProductValidator.Outcome outcome = validator.validate(json(json), NOW);
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.valid()).isTrue();
        return outcome.product();
    }

    private List<Problem> problems(String json) {
        ProductValidator.Outcome outcome = validator.validate(json(json), NOW);
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.product()).isNull();
        return outcome.problems();
    }

    private Product patch(Product existing, String patch) {
        ProductValidator.Outcome outcome = validator.patch(existing, json(patch), NOW.plusSeconds(60));
        assertThat(outcome.problems()).isEmpty();
        return outcome.product();
    }

    private List<Problem> patchProblems(Product existing, String patch) {
        ProductValidator.Outcome outcome = validator.patch(existing, json(patch), NOW.plusSeconds(60));
        assertThat(outcome.valid()).isFalse();
        return outcome.problems();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
