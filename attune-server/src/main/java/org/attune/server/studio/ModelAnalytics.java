package org.attune.server.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.attune.core.json.Json;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.StoredModel;
import org.attune.core.training.ModelTraining;
import org.attune.core.validation.NotFoundException;

/**
 * A model version's analytics, as {@code GET /v1/models/{id}/analytics} gives them: the
 * overview (profiles and interactions evaluated, events), each signal's weight and share, and
 * each signal's weight per UTC day; as tables, and as chart specs for {@code charts.js} (a pie
 * and a line chart) in {@code data-chart} attributes, since the CSP allows no inline script.
 */
final class ModelAnalytics {
    /** Longest span of days whose gaps the line chart fills with zeros (beyond, it plots the days there are). */
    static final int MAX_FILLED_DAYS = 1_000;

    private final ModelTraining training;

    ModelAnalytics(ModelTraining training) {
        this.training = training;
    }

    /**
     * The page's values for {@code version} (a number as text; null for the active version,
     * else the latest); {@code none} when the model has not been trained.
     *
     * @throws NotFoundException for a version the model does not have
     */
    Map<String, Object> view(StoredModel model, String version) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("analyticsTab", true);
        List<ModelVersion> versions = training.versions(model.id());
        if (versions.isEmpty()) {
            values.put("none", true);
            return values;
        }
        String wanted = version != null && !version.isBlank() ? version.trim()
                : model.activeVersion() != null ? model.activeVersion().toString()
                : Integer.toString(versions.get(0).version());
        ModelVersion chosen = versions.stream().filter(v -> Integer.toString(v.version()).equals(wanted))
                .findFirst().orElseThrow(() -> new NotFoundException("version_not_found", "Model '" + model.id()
                        + "' has no version " + wanted));
        List<Map<String, Object>> options = new ArrayList<>();
        for (ModelVersion v : versions) {
            boolean active = model.activeVersion() != null && v.version() == model.activeVersion();
            options.add(Map.of("version", v.version(), "selected", v == chosen, "label", "Version " + v.version()
                    + (active ? " (active)" : "") + " · " + ModelsPage.when(v.trainedAt())));
        }
        values.put("versions", options);
        ModelVersion.SignalAnalytics signals = chosen.analytics();
        values.put("version", chosen.version());
        values.put("trainedAt", ModelsPage.when(chosen.trainedAt()));
        values.put("profiles", String.format("%,d", signals.people()));
        values.put("interactions", String.format("%,d", signals.interactions()));
        values.put("events", String.format("%,d", chosen.data().events()));

        List<String> names = List.copyOf(signals.weightBySignal().keySet());
        Map<String, Double> shares = signals.weightShares();
        List<Map<String, Object>> distribution = new ArrayList<>();
        ObjectNode pie = Json.MAPPER.createObjectNode().put("type", "pie");
        ArrayNode pieLabels = pie.putArray("labels");
        ArrayNode pieValues = pie.putArray("values");
        signals.weightBySignal().forEach((signal, weight) -> {
            distribution.add(Map.of("signal", signal, "weight", amount(weight),
                    "share", String.format("%.1f%%", shares.get(signal) * 100)));
            pieLabels.add(signal);
            pieValues.add(weight);
        });
        values.put("distribution", distribution);
        values.put("pie", pie.toString());

        List<Map<String, Object>> days = new ArrayList<>();
        signals.weightByDay().forEach((day, weights) -> days.add(Map.of("day", day, "weights",
                names.stream().map(signal -> amount(weights.getOrDefault(signal, 0.0))).toList())));
        values.put("signals", names);
        values.put("days", days);
        values.put("line", line(names, signals.weightByDay()).toString());
        return values;
    }

    /** The line chart: one series per signal over every day from the first to the last (gaps as 0). */
    private static ObjectNode line(List<String> names, SortedMap<String, Map<String, Double>> byDay) {
        List<String> days = new ArrayList<>(byDay.keySet());
        if (!days.isEmpty()) {
            LocalDate first = LocalDate.parse(days.get(0));
            LocalDate last = LocalDate.parse(days.get(days.size() - 1));
            if (first.plusDays(MAX_FILLED_DAYS).isAfter(last)) {
                days = first.datesUntil(last.plusDays(1)).map(LocalDate::toString).toList();
            }
        }
        ObjectNode line = Json.MAPPER.createObjectNode().put("type", "line");
        ArrayNode labels = line.putArray("labels");
        days.forEach(labels::add);
        ArrayNode series = line.putArray("series");
        for (String signal : names) {
            ObjectNode one = series.addObject().put("label", signal);
            ArrayNode points = one.putArray("values");
            days.forEach(day -> points.add(byDay.getOrDefault(day, Map.of()).getOrDefault(signal, 0.0)));
        }
        return line;
    }

    /** A weight as the tables show it: whole numbers plainly, others with two decimals. */
    static String amount(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format("%,d", (long) value)
                : String.format("%,.2f", value);
    }
}
