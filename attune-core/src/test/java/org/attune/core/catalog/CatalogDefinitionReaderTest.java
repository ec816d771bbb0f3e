package org.attune.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogDefinitionReaderTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final CatalogDefinitionReader reader = new CatalogDefinitionReader();

    @Test
    void readsAValidDefinition() {
        Catalog catalog = reader.read(json("""
                {"id": "shop_de-1", "name": "Demo shop", "language": "de-CH",
                 "schema": {"attributes": [
                   {"name": "title", "type": "string", "role": "title", "required": true},
                   {"name": "price", "type": "number", "role": "price"},
                   {"name": "in_stock", "type": "boolean", "role": "availability", "required": false},
                   {"name": "tags", "type": "string_list", "role": "tags"},
                   {"name": "link", "type": "url", "role": "url"},
                   {"name": "released", "type": "timestamp"}]}}
                """), NOW);

        assertThat(catalog.id()).isEqualTo("shop_de-1");
        assertThat(catalog.name()).isEqualTo("Demo shop");
        assertThat(catalog.language()).isEqualTo("de-CH");
        assertThat(catalog.createdAt()).isEqualTo(NOW);
        assertThat(catalog.schema().attributes()).containsExactly(
                new AttributeDefinition("title", AttributeType.STRING, AttributeRole.TITLE, true),
                new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false),
                new AttributeDefinition("in_stock", AttributeType.BOOLEAN, AttributeRole.AVAILABILITY, false),
                new AttributeDefinition("tags", AttributeType.STRING_LIST, AttributeRole.TAGS, false),
                new AttributeDefinition("link", AttributeType.URL, AttributeRole.URL, false),
                new AttributeDefinition("released", AttributeType.TIMESTAMP, null, false));
        assertThat(catalog.schema().withRole(AttributeRole.AVAILABILITY)).map(AttributeDefinition::name)
                .contains("in_stock");
    }

    @Test
    void nameDefaultsToTheIdAndLanguageToEnglish() {
        Catalog catalog = reader.read(json("""
                {"id": "books", "schema": {"attributes": [{"name": "title", "type": "string"}]}}
                """), NOW);

        assertThat(catalog.name()).isEqualTo("books");
        assertThat(catalog.language()).isEqualTo("en");
    }

    @Test
    void everyProblemIsReportedTogether() {
        assertThatThrownBy(() -> reader.read(json("""
                {"id": "Shop!", "language": "english!",
                 "schema": {"attributes": [
                   {"name": "title", "type": "string", "role": "title"},
                   {"name": "title", "type": "string"},
                   {"name": "price", "type": "money"},
                   {"name": "cost", "type": "string", "role": "price"},
                   {"name": "headline", "type": "string", "role": "title"}]}}
                """), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_catalog");
                    assertThat(e.problems()).extracting(Problem::path, Problem::code).containsExactlyInAnyOrder(
                            tuple("id", "invalid_id"),
                            tuple("language", "invalid_language"),
                            tuple("schema.attributes[1].name", "duplicate_name"),
                            tuple("schema.attributes[2].type", "invalid_type"),
                            tuple("schema.attributes[3].role", "role_type_mismatch"),
                            tuple("schema.attributes[4].role", "duplicate_role"));
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"Shop\"", "\"-shop\"", "\"shop catalog\"", "\"shop/de\"", "42", "null"})
    void badCatalogIdsAreRejected(String id) {
        assertThat(problems("{\"id\": " + id + ", \"schema\": {\"attributes\": [{\"name\": \"t\", \"type\": \"string\"}]}}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("id", "invalid_id"));
    }

    @Test
    void affinityAttributesAndEventWeightsAreReadAndChecked() {
        Catalog catalog = reader.read(json("""
                {"id": "shop", "schema": {"attributes": [{"name": "title", "type": "string"},
                  {"name": "material", "type": "string", "affinity": true},
                  {"name": "brand", "type": "string", "role": "brand"}]},
                 "eventWeights": {"purchase": 10, "wishlist": 3.5, "view": 0}}"""), NOW);
        assertThat(catalog.schema().attributes()).extracting(AttributeDefinition::tracksAffinity)
                .containsExactly(false, true, true);
        assertThat(catalog.eventWeights()).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of("purchase", 10.0, "wishlist", 3.5, "view", 0.0));

        assertThatThrownBy(() -> reader.read(json("""
                {"id": "shop", "schema": {"attributes": [{"name": "title", "type": "string", "affinity": "yes"}]},
                 "eventWeights": {"purchase": -1, "view": "high"}}"""), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactlyInAnyOrder("schema.attributes[0].affinity",
                                "eventWeights.purchase", "eventWeights.view"));
    }

    @Test
    void catalogIdsMayHaveSixtyFourCharacters() {
        String id = "c".repeat(64);
        assertThat(reader.read(json("{\"id\": \"" + id + "\", \"schema\": {\"attributes\": [{\"name\": \"t\","
                + " \"type\": \"string\"}]}}"), NOW).id()).isEqualTo(id);
        assertThat(problems("{\"id\": \"" + id + "c\", \"schema\": {\"attributes\": [{\"name\": \"t\","
                + " \"type\": \"string\"}]}}")).extracting(Problem::code).containsExactly("invalid_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"id\"", "\"2nd\"", "\"has-dash\"", "\"a b\"", "\"\"", "null"})
    void attributeNamesMustBeIdentifiersOtherThanId(String name) {
        assertThat(problems("{\"id\": \"shop\", \"schema\": {\"attributes\": [{\"name\": " + name
                + ", \"type\": \"string\"}]}}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("schema.attributes[0].name", "invalid_name"));
    }

    @Test
    void unknownRolesAndNonBooleanRequiredAreRejected() {
        assertThat(problems("""
                {"id": "shop", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "headline"},
                  {"name": "price", "type": "number", "required": "yes"}]}}
                """))
                .extracting(Problem::path, Problem::code).containsExactly(
                        tuple("schema.attributes[0].role", "invalid_role"),
                        tuple("schema.attributes[1].required", "invalid_required"));
    }

    @Test
    void aSchemaNeedsAtLeastOneAttribute() {
        assertThat(problems("{\"id\": \"shop\", \"schema\": {\"attributes\": []}}"))
                .extracting(Problem::path, Problem::code).containsExactly(tuple("schema.attributes", "missing_attributes"));
        assertThat(problems("{\"id\": \"shop\"}"))
                .extracting(Problem::code).containsExactly("missing_attributes");
    }

    @Test
    void eachRoleAcceptsOnlyItsTypes() {
        for (AttributeRole role : AttributeRole.values()) {
            for (AttributeType type : AttributeType.values()) {
                String definition = "{\"id\": \"shop\", \"schema\": {\"attributes\": [{\"name\": \"a\", \"type\": \""
                        + type.jsonName() + "\", \"role\": \"" + role.jsonName() + "\"}]}}";
                if (role.allowedTypes().contains(type)) {
                    assertThat(reader.read(json(definition), NOW).schema().attributes().get(0).role()).isEqualTo(role);
                } else {
                    assertThat(problems(definition)).as(role + " with " + type)
                            .extracting(Problem::code).containsExactly("role_type_mismatch");
                }
            }
        }
        assertThat(AttributeRole.PRICE.allowedTypes()).containsExactly(AttributeType.NUMBER);
        assertThat(AttributeRole.AVAILABILITY.allowedTypes()).containsExactly(AttributeType.BOOLEAN);
    }

    @Test
    void aDefinitionThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> reader.read(json("[]"), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("invalid_catalog"));
    }

    private List<Problem> problems(String definition) {
        try {
            reader.read(json(definition), NOW);
        } catch (InvalidInputException e) {
            assertThat(e.code()).isEqualTo("invalid_catalog");
            return e.problems();
        }
        throw new AssertionError("expected the definition to be rejected: " + definition);
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
