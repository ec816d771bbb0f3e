package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.attune.core.json.Json;

/**
 * A catalog's personalization setup. Immutable; each change stores a new one.
 *
 * @param catalog the catalog (one setup per catalog at a time; settings apply to every site using it)
 * @param modelKind the kind chosen
 * @param modelId the model the setup created
 * @param status where it stands
 * @param phase what the setup run is doing (queued, reading_events, evaluating, training, saving, assessing,
 *     done), as last recorded
 * @param percent progress of the phase, 0 to 100
 * @param thresholds what the viability assessment rates against
 * @param viability the assessment, or null (not assessed yet, or a kind that is not assessed)
 * @param failure why the setup failed, or null
 * @param override whether a not-viable setup was activated anyway
 * @param activatedAt when it was activated, or null
 * @param schedule when an active setup retrains
 * @param createdAt when the setup started
 * @param updatedAt the last change
 */
public record PersonalizationSetup(String catalog, String modelKind, String modelId, SetupStatus status,
                                   String phase, int percent, ViabilityThresholds thresholds,
                                   ViabilityReport viability, String failure, boolean override, Instant activatedAt,
                                   DailySchedule schedule, Instant createdAt, Instant updatedAt) {

    public PersonalizationSetup withStatus(SetupStatus next, String nextPhase, int nextPercent, Instant now) {
        return new PersonalizationSetup(catalog, modelKind, modelId, next, nextPhase, nextPercent, thresholds,
                viability, next == SetupStatus.ASSESSMENT_FAILED || next == SetupStatus.SETUP_FAILED ? failure : null,
                override, activatedAt, schedule, createdAt, now);
    }

    public PersonalizationSetup failed(SetupStatus next, String reason, Instant now) {
        return new PersonalizationSetup(catalog, modelKind, modelId, next, "done", 100, thresholds, viability,
                reason, override, activatedAt, schedule, createdAt, now);
    }

    public PersonalizationSetup assessed(ViabilityReport report, Instant now) {
        return new PersonalizationSetup(catalog, modelKind, modelId, report.outcome(), "done", 100, thresholds,
                report, null, override, activatedAt, schedule, createdAt, now);
    }

    public PersonalizationSetup activated(boolean overridden, DailySchedule at, Instant now) {
        return new PersonalizationSetup(catalog, modelKind, modelId, SetupStatus.ACTIVE, "done", 100, thresholds,
                viability, null, overridden, now, at, createdAt, now);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("catalog", catalog).put("modelKind", modelKind)
                .put("modelId", modelId).put("status", status.jsonName());
        json.putObject("progress").put("phase", phase).put("percent", percent);
        json.set("thresholds", thresholds.toJson());
        json.set("viability", viability == null ? null : viability.toJson());
        json.put("failure", failure).put("override", override)
                .put("activatedAt", activatedAt == null ? null : activatedAt.toString());
        json.putObject("schedule").put("time", schedule.time().toString()).put("zone", schedule.zone().getId());
        return json.put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
    }

    public static PersonalizationSetup fromJson(JsonNode json) {
        JsonNode viability = json.get("viability");
        return new PersonalizationSetup(json.get("catalog").asText(), json.get("modelKind").asText(),
                json.get("modelId").asText(), SetupStatus.fromJson(json.get("status").asText()),
                json.path("progress").path("phase").asText(), json.path("progress").path("percent").asInt(),
                ViabilityThresholds.DEFAULTS.with(json.get("thresholds")),
                viability == null || viability.isNull() ? null : ViabilityReport.fromJson(viability),
                text(json.get("failure")), json.get("override").asBoolean(),
                json.get("activatedAt").isNull() ? null : Instant.parse(json.get("activatedAt").asText()),
                new DailySchedule(LocalTime.parse(json.path("schedule").path("time").asText()),
                        ZoneId.of(json.path("schedule").path("zone").asText())),
                Instant.parse(json.get("createdAt").asText()), Instant.parse(json.get("updatedAt").asText()));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
