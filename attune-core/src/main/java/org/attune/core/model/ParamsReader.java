package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.attune.core.validation.Problem;

/**
 * Reads one kind's {@code params} object field by field, each by its {@link ParamSpec} and
 * with its default, collecting a {@link Problem} for every bad or unknown field instead of
 * stopping at the first; a field left out (or null) takes its default. A kind's
 * {@link ModelKind#readParams} calls it once per field. Not thread-safe; one per read.
 */
public final class ParamsReader {
    private final JsonNode params;
    private final List<Problem> problems;
    private final Set<String> known = new HashSet<>();

    /**
     * @param params the params object (missing or null means every default)
     * @param problems where problems are added, with paths {@code params.<field>}
     */
    ParamsReader(JsonNode params, List<Problem> problems) {
        this.params = params == null || params.isNull() || params.isMissingNode() ? null : params;
        this.problems = problems;
        if (this.params != null && !this.params.isObject()) {
            problems.add(new Problem("params", "invalid_params", "params must be a JSON object"));
        }
    }

    private JsonNode field(String name) {
        known.add(name);
        if (params == null || !params.isObject()) {
            return null;
        }
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? null : value;
    }

    /** The field's number, or {@code fallback} when it is absent or bad (a problem is then recorded). */
    public double number(ParamSpec.Decimal spec, double fallback) {
        String name = spec.name();
        double min = spec.min();
        double max = spec.max();
        JsonNode value = field(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            problems.add(new Problem("params." + name, "invalid_param", name + " must be a number from " + plain(min)
                    + " to " + plain(max) + " (default " + plain(fallback) + ")"));
            return fallback;
        }
        return value.asDouble();
    }

    /** The field's whole number, or {@code fallback} when it is absent or bad (a problem is then recorded). */
    public int integer(ParamSpec.Whole spec, int fallback) {
        String name = spec.name();
        long min = spec.min();
        long max = spec.max();
        JsonNode value = field(name);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            problems.add(new Problem("params." + name, "invalid_param", name + " must be a whole number from " + min
                    + " to " + max + " (default " + fallback + ")"));
            return fallback;
        }
        return value.asInt();
    }

    /** The field's word, or {@code fallback} when it is absent or bad (a problem is then recorded). */
    public String choice(ParamSpec.Choice spec, String fallback) {
        String name = spec.name();
        List<String> options = spec.options();
        JsonNode value = field(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual() || !options.contains(value.asText())) {
            problems.add(new Problem("params." + name, "invalid_param", name + " must be one of " + options
                    + " (default " + fallback + ")"));
            return fallback;
        }
        return value.asText();
    }

    /** Records a problem with a field that passed its own range check (a rule across fields). */
    public void refuse(String name, String message) {
        problems.add(new Problem("params." + name, "invalid_param", message));
    }

    /** Adds a problem for every field that no read asked for. Call last. */
    void refuseUnknown(String kind) {
        if (params == null || !params.isObject()) {
            return;
        }
        params.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(new Problem("params." + name, "unknown_param", "kind '" + kind + "' has no param '"
                        + name + "'; it has " + known.stream().sorted().toList()));
            }
        });
    }

    private static String plain(double value) {
        return ParamSpec.plain(value);
    }
}
