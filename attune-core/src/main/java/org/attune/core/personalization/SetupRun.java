package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.attune.core.json.Json;
import org.attune.core.model.ModelVersion;

/**
 * One training run of a catalog's personalization: the setup run, a daily run or one asked
 * for. Immutable; a run is stored when it starts and again when it ends.
 *
 * @param id run id
 * @param catalog the catalog
 * @param modelId the model trained
 * @param trigger {@code setup}, {@code daily}, {@code on_demand}, {@code retry}, or {@code model_api} (a training
 *     of an active setup's model started through the model API; recorded from its start)
 * @param startedAt when it started
 * @param endedAt when it ended, or null while running
 * @param outcome {@code running}, {@code succeeded} or {@code failed}
 * @param error why it failed, or null
 * @param version the version it produced (its data window, counts and metrics), or null
 */
public record SetupRun(String id, String catalog, String modelId, String trigger, Instant startedAt,
                       Instant endedAt, String outcome, String error, ModelVersion version) {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public SetupRun succeeded(ModelVersion produced, Instant now) {
        return new SetupRun(id, catalog, modelId, trigger, startedAt, now, SUCCEEDED, null, produced);
    }

    public SetupRun failed(String reason, Instant now) {
        return new SetupRun(id, catalog, modelId, trigger, startedAt, now, FAILED, reason, null);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("id", id).put("catalog", catalog)
                .put("modelId", modelId).put("trigger", trigger).put("startedAt", startedAt.toString())
                .put("endedAt", endedAt == null ? null : endedAt.toString());
        if (endedAt == null) {
            json.putNull("durationMillis");
        } else {
            json.put("durationMillis", Duration.between(startedAt, endedAt).toMillis());
        }
        json.put("outcome", outcome).put("error", error);
        json.set("version", version == null ? null : version.toJson());
        return json;
    }

    public static SetupRun fromJson(JsonNode json) {
        JsonNode version = json.get("version");
        return new SetupRun(json.get("id").asText(), json.get("catalog").asText(), json.get("modelId").asText(),
                json.get("trigger").asText(), Instant.parse(json.get("startedAt").asText()),
                json.get("endedAt").isNull() ? null : Instant.parse(json.get("endedAt").asText()),
                json.get("outcome").asText(), json.get("error").isNull() ? null : json.get("error").asText(),
                version == null || version.isNull() ? null : ModelVersion.fromJson(version));
    }
}
