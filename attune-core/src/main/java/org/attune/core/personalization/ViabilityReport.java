package org.attune.core.personalization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.model.ModelVersion;

/**
 * The outcome of a viability assessment: each criterion measured and rated, the catalog
 * churn warning and the trained version's offline accuracy next to popularity.
 *
 * @param outcome {@link SetupStatus#VIABLE}, {@link SetupStatus#VIABLE_NEEDS_IMPROVEMENT} or {@link SetupStatus#NOT_VIABLE}
 * @param assessedAt when it was measured
 * @param modelVersion the version whose data and accuracy were measured
 * @param criteria priority 1 and 2 (required) and 3 (informational), in that order
 * @param churnWarning a sentence when the catalog changed a lot recently, else null
 * @param accuracy the version's offline accuracy, or null when there was too little data to measure it
 * @param coverageBasis how "known to the model" and "own profile" were measured, in words
 */
public record ViabilityReport(SetupStatus outcome, Instant assessedAt, int modelVersion, List<Criterion> criteria,
                              String churnWarning, ModelVersion.OfflineMetrics accuracy, String coverageBasis) {

    public ViabilityReport {
        criteria = List.copyOf(criteria);
    }

    /** Green at or above the recommended threshold, yellow at or above the minimum, red below. */
    public enum Rating {
        GREEN, YELLOW, RED;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One measured criterion.
     *
     * @param name stable name (see {@link ViabilityThresholds})
     * @param priority 1 catalog readiness, 2 scale and traffic, 3 feedback quality
     * @param required whether it decides the outcome (priority 3 never does)
     * @param value the measured value
     * @param recommended the recommended threshold
     * @param minimum the minimum threshold
     * @param rating the value against the thresholds
     * @param meaning what the value says about the catalog
     * @param action what to do about it (empty when green)
     */
    public record Criterion(String name, int priority, boolean required, double value, double recommended,
                            double minimum, Rating rating, String meaning, String action) {
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("outcome", outcome.jsonName())
                .put("assessedAt", assessedAt.toString()).put("modelVersion", modelVersion);
        ArrayNode list = json.putArray("criteria");
        for (Criterion c : criteria) {
            list.addObject().put("name", c.name).put("priority", c.priority).put("required", c.required)
                    .put("value", c.value).put("recommended", c.recommended).put("minimum", c.minimum)
                    .put("rating", c.rating.jsonName()).put("meaning", c.meaning).put("action", c.action);
        }
        json.put("churnWarning", churnWarning);
        if (accuracy == null) {
            json.putNull("accuracy");
        } else {
            json.putObject("accuracy").put("protocol", accuracy.protocol()).put("testPeople", accuracy.testPeople())
                    .put("hitRate10", accuracy.hitRate10()).put("ndcg10", accuracy.ndcg10())
                    .put("popularityHitRate10", accuracy.popularityHitRate10())
                    .put("popularityNdcg10", accuracy.popularityNdcg10());
        }
        return json.put("coverageBasis", coverageBasis);
    }

    public static ViabilityReport fromJson(JsonNode json) {
        List<Criterion> criteria = new ArrayList<>();
        for (JsonNode c : json.get("criteria")) {
            criteria.add(new Criterion(c.get("name").asText(), c.get("priority").asInt(), c.get("required").asBoolean(),
                    c.get("value").asDouble(), c.get("recommended").asDouble(), c.get("minimum").asDouble(),
                    Rating.valueOf(c.get("rating").asText().toUpperCase(java.util.Locale.ROOT)),
                    c.get("meaning").asText(), c.get("action").asText()));
        }
        JsonNode a = json.get("accuracy");
        return new ViabilityReport(SetupStatus.fromJson(json.get("outcome").asText()),
                Instant.parse(json.get("assessedAt").asText()), json.get("modelVersion").asInt(), criteria,
                json.get("churnWarning").isNull() ? null : json.get("churnWarning").asText(),
                a == null || a.isNull() ? null : new ModelVersion.OfflineMetrics(a.get("protocol").asText(),
                        a.get("testPeople").asInt(), a.get("hitRate10").asDouble(), a.get("ndcg10").asDouble(),
                        a.get("popularityHitRate10").asDouble(), a.get("popularityNdcg10").asDouble()),
                json.get("coverageBasis").asText());
    }
}
