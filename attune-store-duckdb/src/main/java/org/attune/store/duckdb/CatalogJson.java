package org.attune.store.duckdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.json.Json;

/**
 * A catalog definition as the JSON stored in {@code catalogs.definition}. The mapping is
 * spelled out rather than left to record introspection so that renaming a Java accessor
 * can never silently change stored data, and so that types and roles use their lower-case
 * JSON names, as the HTTP API does:
 *
 * <pre>{@code
 * {"id":"shoes","name":"Shoes","language":"en","createdAt":"2024-05-01T10:00:00Z",
 *  "schema":{"attributes":[{"name":"title","type":"string","role":"title","required":true}]}}
 * }</pre>
 */
final class CatalogJson {
    private CatalogJson() {
    }

    static String write(Catalog catalog) throws JsonProcessingException {
        ObjectNode root = Json.MAPPER.createObjectNode()
                .put("id", catalog.id())
                .put("name", catalog.name())
                .put("language", catalog.language())
                .put("createdAt", catalog.createdAt().toString());
        ArrayNode attributes = root.putObject("schema").putArray("attributes");
        for (AttributeDefinition attribute : catalog.schema().attributes()) {
            attributes.addObject()
                    .put("name", attribute.name())
                    .put("type", attribute.type().jsonName())
                    .put("role", attribute.role() == null ? null : attribute.role().jsonName())
                    .put("required", attribute.required())
                    .put("affinity", attribute.affinity());
        }
        ObjectNode weights = root.putObject("eventWeights");
        catalog.eventWeights().forEach(weights::put);
        return Json.MAPPER.writeValueAsString(root);
    }

    static Catalog read(String json) throws JsonProcessingException {
        JsonNode root = Json.MAPPER.readTree(json);
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode attribute : root.path("schema").path("attributes")) {
            String type = attribute.path("type").asText();
            JsonNode role = attribute.path("role");
            attributes.add(new AttributeDefinition(
                    attribute.path("name").asText(),
                    AttributeType.fromJsonName(type).orElseThrow(
                            () -> new IllegalStateException("stored catalog has an unknown attribute type '" + type + "'")),
                    role.isTextual() ? AttributeRole.fromJsonName(role.asText()).orElseThrow(
                            () -> new IllegalStateException("stored catalog has an unknown role '" + role.asText() + "'"))
                            : null,
                    attribute.path("required").asBoolean(),
                    attribute.path("affinity").asBoolean(false)));
        }
        java.util.Map<String, Double> eventWeights = new java.util.LinkedHashMap<>();
        root.path("eventWeights").properties().forEach(e -> eventWeights.put(e.getKey(), e.getValue().asDouble()));
        return new Catalog(
                root.path("id").asText(),
                root.path("name").textValue(),
                root.path("language").textValue(),
                new CatalogSchema(attributes),
                Instant.parse(root.path("createdAt").asText()),
                eventWeights);
    }
}
