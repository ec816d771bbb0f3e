package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.attune.core.json.Json;

/**
 * One training of a model: what it was trained on, how, how long it took and how well it
 * did, plus the artifact it produced. Immutable once written; a model keeps all its
 * versions and serves one of them.
 *
 * @param modelId the model
 * @param version 1, 2, ... in training order
 * @param trainedAt when training finished
 * @param definition the model's definition as it was trained (name, catalog, kind, signals, params)
 * @param method what the kind trained, in words (e.g. {@code ease lambda=500})
 * @param data the data it read
 * @param trainMillis how long the whole training took (reading, evaluating, fitting, saving)
 * @param metrics the offline accuracy measured during training, or null when there was too little data
 * @param analytics what the signals contributed
 * @param artifactBytes size of the saved artifact
 * @param productProfiles for kinds that give products profile states ({@code sequence}), how many
 *     products have each; null for other kinds
 */
public record ModelVersion(String modelId, int version, Instant trainedAt, JsonNode definition, String method,
                           DataWindow data, long trainMillis, OfflineMetrics metrics, SignalAnalytics analytics,
                           long artifactBytes, ProductProfiles productProfiles) {

    /** A version of a kind without product profile states. */
    public ModelVersion(String modelId, int version, Instant trainedAt, JsonNode definition, String method,
                        DataWindow data, long trainMillis, OfflineMetrics metrics, SignalAnalytics analytics,
                        long artifactBytes) {
        this(modelId, version, trainedAt, definition, method, data, trainMillis, metrics, analytics, artifactBytes,
                null);
    }

    /** The version as the API shows it and the store keeps it ({@link #fromJson} reads it back). */
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode().put("modelId", modelId).put("version", version)
                .put("trainedAt", trainedAt.toString()).put("method", method).put("trainMillis", trainMillis)
                .put("artifactBytes", artifactBytes);
        ObjectNode window = json.putObject("data").put("throughSeq", data.throughSeq);
        window.put("firstEventAt", data.firstEventAt == null ? null : data.firstEventAt.toString());
        window.put("lastEventAt", data.lastEventAt == null ? null : data.lastEventAt.toString());
        window.put("events", data.events).put("people", data.people).put("products", data.products)
                .put("interactions", data.interactions).put("productsScored", data.productsScored);
        if (metrics == null) {
            json.putNull("metrics");
        } else {
            json.putObject("metrics").put("protocol", metrics.protocol).put("testPeople", metrics.testPeople)
                    .put("hitRate10", metrics.hitRate10).put("ndcg10", metrics.ndcg10)
                    .put("popularityHitRate10", metrics.popularityHitRate10)
                    .put("popularityNdcg10", metrics.popularityNdcg10);
        }
        ObjectNode signals = json.putObject("analytics").put("people", analytics.people)
                .put("interactions", analytics.interactions);
        signals.set("weightBySignal", Json.MAPPER.valueToTree(analytics.weightBySignal));
        signals.set("weightByDay", Json.MAPPER.valueToTree(analytics.weightByDay));
        if (productProfiles != null) {
            json.putObject("productProfiles").put("minInteractions", productProfiles.minInteractions)
                    .put("own", productProfiles.own).put("grouped", productProfiles.grouped)
                    .put("unknown", productProfiles.unknown).put("ownShare", productProfiles.ownShare())
                    .put("groupedShare", productProfiles.groupedShare())
                    .put("unknownShare", productProfiles.unknownShare());
        }
        json.set("definition", definition);
        return json;
    }

    /** Reads what {@link #toJson} wrote. */
    public static ModelVersion fromJson(JsonNode json) {
        JsonNode window = json.get("data");
        JsonNode m = json.get("metrics");
        JsonNode a = json.get("analytics");
        JsonNode p = json.get("productProfiles");
        Map<String, Double> bySignal = new LinkedHashMap<>();
        a.get("weightBySignal").properties().forEach(e -> bySignal.put(e.getKey(), e.getValue().asDouble()));
        SortedMap<String, Map<String, Double>> byDay = new TreeMap<>();
        a.get("weightByDay").properties().forEach(day -> {
            Map<String, Double> weights = new LinkedHashMap<>();
            day.getValue().properties().forEach(e -> weights.put(e.getKey(), e.getValue().asDouble()));
            byDay.put(day.getKey(), weights);
        });
        return new ModelVersion(json.get("modelId").asText(), json.get("version").asInt(),
                Instant.parse(json.get("trainedAt").asText()), json.get("definition"), json.get("method").asText(),
                new DataWindow(window.get("throughSeq").asLong(), instant(window.get("firstEventAt")),
                        instant(window.get("lastEventAt")), window.get("events").asLong(), window.get("people").asInt(),
                        window.get("products").asInt(), window.get("interactions").asInt(),
                        window.get("productsScored").asInt()),
                json.get("trainMillis").asLong(),
                m == null || m.isNull() ? null : new OfflineMetrics(m.get("protocol").asText(),
                        m.get("testPeople").asInt(), m.get("hitRate10").asDouble(), m.get("ndcg10").asDouble(),
                        m.get("popularityHitRate10").asDouble(), m.get("popularityNdcg10").asDouble()),
                new SignalAnalytics(a.get("people").asInt(), a.get("interactions").asLong(), bySignal, byDay),
                json.get("artifactBytes").asLong(),
                p == null || p.isNull() ? null : new ProductProfiles(p.get("minInteractions").asInt(),
                        p.get("own").asInt(), p.get("grouped").asInt(), p.get("unknown").asInt()));
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    /**
     * The data a version was trained on.
     *
     * @param throughSeq the last event log sequence number read
     * @param firstEventAt event time of the earliest interaction, null when none
     * @param lastEventAt event time of the latest interaction, null when none
     * @param events events that gave at least one interaction
     * @param people people with at least one interaction
     * @param products products with at least one interaction
     * @param interactions distinct (person, product) pairs
     * @param productsScored products the version can recommend (more than {@code products} for kinds
     *     that score products nobody interacted with, such as affinity)
     */
    public record DataWindow(long throughSeq, Instant firstEventAt, Instant lastEventAt, long events, int people,
                             int products, int interactions, int productsScored) {
    }

    /**
     * Accuracy on a time holdout: the model is trained on interactions before the cut and
     * asked to rank, for each person active on both sides, the products they turned to after it
     * (full ranking, their earlier products excluded), next to popularity trained the same way.
     *
     * @param protocol how the holdout was made
     * @param testPeople people evaluated
     * @param hitRate10 share of people with at least one later product in the top 10
     * @param ndcg10 NDCG@10
     * @param popularityHitRate10 popularity's HR@10 on the same split
     * @param popularityNdcg10 popularity's NDCG@10 on the same split
     */
    public record OfflineMetrics(String protocol, int testPeople, double hitRate10, double ndcg10,
                                 double popularityHitRate10, double popularityNdcg10) {
    }

    /**
     * How many products have each profile state ({@link ModelKind.ProductState#OWN own},
     * {@link ModelKind.ProductState#GROUPED grouped}, {@link ModelKind.ProductState#UNKNOWN
     * unknown}), over the products the version covers: those with interactions and the
     * catalog's others when trained.
     *
     * @param minInteractions the people a product needed for an own profile
     */
    public record ProductProfiles(int minInteractions, int own, int grouped, int unknown) {

        public int total() {
            return own + grouped + unknown;
        }

        public double ownShare() {
            return total() == 0 ? 0 : (double) own / total();
        }

        public double groupedShare() {
            return total() == 0 ? 0 : (double) grouped / total();
        }

        public double unknownShare() {
            return total() == 0 ? 0 : (double) unknown / total();
        }
    }

    /**
     * What the signals contributed.
     *
     * @param people people the model evaluated (with at least one interaction)
     * @param interactions interactions read (one per product an event yielded, before pairs are merged)
     * @param weightBySignal each signal's total weight
     * @param weightByDay per UTC day (ISO date), each signal's total weight that day
     */
    public record SignalAnalytics(int people, long interactions, Map<String, Double> weightBySignal,
                                  SortedMap<String, Map<String, Double>> weightByDay) {

        /** Each signal's share of the total weight, 0 to 1 (all 0 when there was none). */
        public Map<String, Double> weightShares() {
            double total = weightBySignal.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> shares = new java.util.LinkedHashMap<>();
            weightBySignal.forEach((signal, weight) -> shares.put(signal, total == 0 ? 0 : weight / total));
            return shares;
        }
    }
}
