package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attune.core.json.Json;

/**
 * Renders the OpenAPI 3.1 document from the route declarations. Schemas of the main
 * bodies live in {@code openapi/components.json} on the class path. The document is
 * built directly as JSON: the route table already holds everything it says, so no
 * annotation scanning or model library is needed.
 */
final class OpenApiDocument {

    byte[] render(List<ApiRoute> routes) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Attune API");
        info.put("version", version());
        info.put("description", "Behavioral recommendation and personalization engine. Authenticate with"
                + " 'Authorization: Bearer <key>'. Errors are JSON: {code, message, details}.");
        ObjectNode paths = root.putObject("paths");
        for (ApiRoute route : routes) {
            ObjectNode item = paths.has(route.path) ? (ObjectNode) paths.get(route.path) : paths.putObject(route.path);
            ObjectNode operation = item.putObject(route.method.name().toLowerCase(Locale.ROOT));
            operation.putArray("tags").add(route.tag);
            operation.put("summary", route.summary);
            if (!route.description.isEmpty()) {
                operation.put("description", route.description);
            }
            operation.put("operationId", operationId(route));
            if (route.access == Access.PUBLIC) {
                operation.putArray("security");
            } else if (route.access == Access.STUDIO) {
                operation.putArray("security").addObject().putArray("studioSession");
                operation.put("x-attune-role", route.access.role().jsonName());
            } else {
                operation.put("x-attune-role", route.access.role().jsonName());
            }
            if (route.browser) {
                operation.put("x-attune-browser-keys", true);
            }
            if (!route.params.isEmpty()) {
                ArrayNode parameters = operation.putArray("parameters");
                for (ApiRoute.Param p : route.params) {
                    ObjectNode param = parameters.addObject();
                    param.put("name", p.name());
                    param.put("in", p.in());
                    param.put("required", p.required());
                    param.put("description", p.description());
                    param.putObject("schema").put("type", p.type());
                }
            }
            if (!route.requestExamples.isEmpty()) {
                ObjectNode content = operation.putObject("requestBody").put("required", true).putObject("content");
                route.requestExamples.forEach((type, example) -> {
                    ObjectNode media = content.putObject(type);
                    if (route.requestSchemaRef != null) {
                        media.putObject("schema").put("$ref", "#/components/schemas/" + route.requestSchemaRef);
                    }
                    media.set("example", exampleValue(type, example));
                });
            }
            ObjectNode responses = operation.putObject("responses");
            Map<Integer, ApiRoute.Response> documented = new java.util.LinkedHashMap<>(route.responses);
            if (route.rateLimited) {
                documented.putIfAbsent(429, new ApiRoute.Response("Over the rate of the key or address"
                        + " (docs/api.md, Limits); retry after the Retry-After header's seconds", null, null,
                        "application/json"));
            }
            documented.forEach((status, response) -> {
                ObjectNode r = responses.putObject(Integer.toString(status));
                r.put("description", response.description());
                if (response.schemaRef() != null || response.example() != null || status >= 400
                        || !"application/json".equals(response.contentType())) {
                    ObjectNode media = r.putObject("content").putObject(response.contentType());
                    String ref = response.schemaRef() != null ? response.schemaRef() : status >= 400 ? "Error" : null;
                    if (ref != null) {
                        media.putObject("schema").put("$ref", "#/components/schemas/" + ref);
                    } else {
                        media.putObject("schema").put("type", "string");
                    }
                    if (response.example() != null) {
                        media.set("example", exampleValue(response.contentType(), response.example()));
                    }
                }
            });
        }
        ObjectNode components = root.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        schemes.putObject("studioSession").put("type", "apiKey").put("in", "cookie").put("name", "attune_studio")
                .put("description", "A studio session: sign in at /studio/login with an editor or admin account");
        components.set("schemas", schemas());
        root.putArray("security").addObject().putArray("bearer");
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode exampleValue(String contentType, String example) {
        if (contentType.contains("json") && !contentType.contains("ndjson")) {
            try {
                return Json.MAPPER.readTree(example);
            } catch (IOException e) {
                throw new IllegalStateException("route example is not valid JSON: " + example, e);
            }
        }
        return Json.MAPPER.getNodeFactory().textNode(example);
    }

    private static String operationId(ApiRoute route) {
        StringBuilder id = new StringBuilder(route.method.name().toLowerCase(Locale.ROOT));
        for (String part : route.path.split("/")) {
            if (part.isEmpty() || part.equals("v1")) {
                continue;
            }
            String clean = part.replaceAll("[{}.]", "");
            if (part.startsWith("{")) {
                id.append("By");
            }
            id.append(Character.toUpperCase(clean.charAt(0))).append(clean.substring(1));
        }
        return id.toString();
    }

    private static JsonNode schemas() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("/openapi/components.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/components.json is missing from the class path");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        String version = OpenApiDocument.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
