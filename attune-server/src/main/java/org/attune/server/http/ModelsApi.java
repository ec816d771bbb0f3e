package org.attune.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelService;
import org.attune.core.model.StoredModel;

/** Handlers for model definitions. */
final class ModelsApi {
    private final ModelService models;

    ModelsApi(ModelService models) {
        this.models = models;
    }

    void create(Context ctx) {
        ApiJson.write(ctx, 201, toJson(models.create(RequestBodies.readJson(ctx))));
    }

    void list(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("models", models.list().stream().map(ModelsApi::toJson).toList()));
    }

    void get(Context ctx) {
        ApiJson.write(ctx, 200, toJson(models.get(ctx.pathParam("id"))));
    }

    void update(Context ctx) {
        ApiJson.write(ctx, 200, toJson(models.update(ctx.pathParam("id"), RequestBodies.readJson(ctx))));
    }

    void delete(Context ctx) {
        ApiJson.write(ctx, 200, toJson(models.delete(ctx.pathParam("id"))));
    }

    void kinds(Context ctx) {
        List<Map<String, Object>> kinds = ModelKinds.all().stream().map(kind -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", kind.name());
            json.put("description", kind.description());
            json.put("defaultParams", ModelKinds.defaults(kind));
            return json;
        }).toList();
        ApiJson.write(ctx, 200, Map.of("kinds", kinds));
    }

    static ObjectNode toJson(StoredModel model) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", model.id());
        json.setAll(model.definition().toJson());
        json.put("status", model.status().jsonName());
        if (model.failure() != null) {
            json.put("failure", model.failure());
        }
        json.put("createdAt", model.createdAt().toString()).put("updatedAt", model.updatedAt().toString());
        return json;
    }
}
