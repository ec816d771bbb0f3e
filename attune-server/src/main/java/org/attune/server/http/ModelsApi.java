package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.StoredModel;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.training.ModelTraining;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/** Handlers for model definitions, their lifecycle, versions and analytics. */
final class ModelsApi {
    private final ModelService models;
    private final ModelTraining training;
    private final PersonalizationSetups setups;

    ModelsApi(ModelService models, ModelTraining training, PersonalizationSetups setups) {
        this.models = models;
        this.training = training;
        this.setups = setups;
    }

    void create(Context ctx) {
        ApiJson.write(ctx, 201, toJson(models.create(RequestBodies.readJson(ctx))));
    }

    void list(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("models", models.list().stream().map(this::toJson).toList()));
    }

    void get(Context ctx) {
        ApiJson.write(ctx, 200, toJson(models.get(ctx.pathParam("id"))));
    }

    void update(Context ctx) {
        ApiJson.write(ctx, 200, toJson(models.update(ctx.pathParam("id"), RequestBodies.readJson(ctx))));
    }

    void delete(Context ctx) {
        ApiJson.write(ctx, 200, toJson(training.delete(ctx.pathParam("id"))));
    }

    void provision(Context ctx) {
        ApiJson.write(ctx, 202, toJson(training.provision(ctx.pathParam("id"))));
    }

    void train(Context ctx) {
        ApiJson.write(ctx, 202, toJson(training.retrain(ctx.pathParam("id"))));
    }

    void stop(Context ctx) {
        ApiJson.write(ctx, 200, toJson(ModelStops.stop(training, setups, ctx.pathParam("id"))));
    }

    void rollback(Context ctx) {
        String id = ctx.pathParam("id");
        JsonNode body = RequestBodies.readJson(ctx);
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
            throw new InvalidInputException("invalid_request", "The rollback request has 1 problem(s)",
                    List.of(new Problem("version", "invalid_version", "version must be a positive integer,"
                            + " one of GET /v1/models/" + id + "/versions")));
        }
        ApiJson.write(ctx, 200, toJson(training.rollback(id, version.asInt())));
    }

    void versions(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("versions", training.versions(ctx.pathParam("id")).stream()
                .map(ModelVersion::toJson).toList()));
    }

    void version(Context ctx) {
        ApiJson.write(ctx, 200, training.version(ctx.pathParam("id"), versionNumber(ctx.pathParam("version")))
                .toJson());
    }

    void analytics(Context ctx) {
        String id = ctx.pathParam("id");
        StoredModel model = models.get(id);
        String asked = ctx.queryParam("version");
        ModelVersion version;
        if (asked != null) {
            version = training.version(id, versionNumber(asked));
        } else if (model.activeVersion() != null) {
            version = training.version(id, model.activeVersion());
        } else {
            version = training.versions(id).stream().findFirst().orElseThrow(() -> new NotFoundException(
                    "no_versions", "Model '" + id + "' has not been trained yet; provision it first"));
        }
        ModelVersion.SignalAnalytics analytics = version.analytics();
        ObjectNode json = Json.MAPPER.createObjectNode().put("modelId", id).put("version", version.version())
                .put("trainedAt", version.trainedAt().toString())
                .put("profilesEvaluated", analytics.people()).put("interactionsEvaluated", analytics.interactions())
                .put("events", version.data().events());
        ArrayNode distribution = json.putArray("weightDistribution");
        Map<String, Double> shares = analytics.weightShares();
        analytics.weightBySignal().forEach((signal, weight) -> distribution.addObject().put("signal", signal)
                .put("weight", weight).put("share", shares.get(signal)));
        ArrayNode days = json.putArray("weightsPerDay");
        analytics.weightByDay().forEach((day, weights) -> {
            ObjectNode entry = days.addObject().put("day", day);
            entry.set("weights", Json.MAPPER.valueToTree(weights));
        });
        ApiJson.write(ctx, 200, json);
    }

    private static int versionNumber(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("invalid_request", "The request has 1 problem(s)",
                List.of(new Problem("version", "invalid_version", "version must be a positive integer, got '" + text
                        + "'")));
    }

    void kinds(Context ctx) {
        List<Map<String, Object>> kinds = BuiltInKinds.ALL.all().stream().map(kind -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", kind.name());
            json.put("description", kind.description());
            json.put("defaultParams", kind.defaults());
            return json;
        }).toList();
        ApiJson.write(ctx, 200, Map.of("kinds", kinds));
    }

    ObjectNode toJson(StoredModel model) {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", model.id());
        json.setAll(model.definition().toJson());
        json.put("status", model.status().jsonName());
        if (model.failure() != null) {
            json.put("failure", model.failure());
        }
        if (model.activeVersion() != null) {
            json.put("activeVersion", model.activeVersion());
        }
        training.progress(model.id()).ifPresent(progress -> json.putObject("progress")
                .put("phase", progress.phase()).put("percent", progress.percent())
                .put("startedAt", progress.startedAt().toString()));
        json.put("createdAt", model.createdAt().toString()).put("updatedAt", model.updatedAt().toString());
        return json;
    }
}
