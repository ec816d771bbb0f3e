package org.attune.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * What an experiment varies and how it is judged, as a user defines it (JSON):
 *
 * <pre>{"name": "For you against popular", "hypothesis": "…",
 *  "target": {"type": "placement", "id": "home.recommended_for_you"},
 *  "variants": [{"id": "control", "weight": 50, "strategy": "popular"},
 *               {"id": "for-you", "weight": 50, "strategy": "for-you"}],
 *  "enrolledPercent": 100, "primaryMetric": "ctr",
 *  "guardrails": [{"metric": "revenue_per_visitor", "maxDropPercent": 5}]}</pre>
 *
 * <p>Targets: {@code placement} (each variant names the strategy the placement uses),
 * {@code personalization} (a placement's own strategy, {@code "personalized": true}, against a
 * control that gets its fallback only, {@code false}), {@code rule} (each variant names the
 * search or category rule that re-ranks, or none: the page's own order). The first variant is
 * the control. Checked by {@link #read} against the catalog's definitions, every problem at once.
 *
 * @param name what people call it
 * @param hypothesis what it is expected to show; may be empty
 * @param target what varies
 * @param variants two to {@value #MAX_VARIANTS}, the control first
 * @param enrolledPercent the share of people enrolled, 1 to 100
 * @param primaryMetric what decides
 * @param guardrails what must not get worse by more than its margin
 */
public record ExperimentDefinition(String name, String hypothesis, Target target, List<Variant> variants,
                                   double enrolledPercent, ExperimentMetric primaryMetric, List<Guardrail> guardrails) {
    public static final int MAX_VARIANTS = 10;
    public static final int MAX_GUARDRAILS = 5;
    public static final int MAX_NAME = 200;
    public static final int MAX_HYPOTHESIS = 2_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ExperimentDefinition {
        variants = List.copyOf(variants);
        guardrails = List.copyOf(guardrails);
    }

    /** What an experiment varies. */
    public enum TargetType {
        PLACEMENT, PERSONALIZATION, RULE;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param type what varies
     * @param id the placement (placement, personalization) or the page's rule it replaces (rule)
     */
    public record Target(TargetType type, String id) {
    }

    /**
     * @param id the variant's id, unique in the experiment
     * @param name what people call it (the id when not given)
     * @param weight its share of the enrolled people, in percent; the weights sum to 100
     * @param strategy the strategy it serves (placement targets)
     * @param personalized whether it is personalized or the fallback only (personalization targets)
     * @param rule the rule that re-ranks, null for the page's own order (rule targets)
     */
    public record Variant(String id, String name, double weight, String strategy, Boolean personalized,
                          String rule) {
    }

    /**
     * @param metric what is watched
     * @param maxDropPercent how much worse than the control it may get before it is flagged
     */
    public record Guardrail(ExperimentMetric metric, double maxDropPercent) {
    }

    /** What the catalog defines, for checking the references. */
    public interface Definitions {
        boolean placementExists(String id);

        boolean strategyExists(String id);

        boolean ruleExists(String id);
    }

    /**
     * Reads and checks a definition.
     *
     * @throws InvalidInputException {@code invalid_experiment} with every problem
     */
    public static ExperimentDefinition read(JsonNode json, Definitions definitions) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("invalid_experiment", "An experiment is a JSON object");
        }
        String name = json.path("name").asText("").strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(new Problem("name", "invalid_name", "name is 1 to " + MAX_NAME + " characters"));
        }
        String hypothesis = json.path("hypothesis").asText("");
        if (hypothesis.length() > MAX_HYPOTHESIS) {
            problems.add(new Problem("hypothesis", "too_long", "hypothesis is at most " + MAX_HYPOTHESIS
                    + " characters"));
        }
        Target target = target(json.path("target"), definitions, problems);
        List<Variant> variants = variants(json.get("variants"), target, definitions, problems);
        double enrolled = json.has("enrolledPercent") ? json.path("enrolledPercent").asDouble(Double.NaN) : 100;
        if (!(enrolled >= 1 && enrolled <= 100)) {
            problems.add(new Problem("enrolledPercent", "invalid_share", "enrolledPercent is 1 to 100"));
        }
        ExperimentMetric primary = metric(json.has("primaryMetric") ? json.path("primaryMetric").asText("") : "ctr",
                "primaryMetric", problems);
        List<Guardrail> guardrails = new ArrayList<>();
        JsonNode list = json.get("guardrails");
        if (list != null && (!list.isArray() || list.size() > MAX_GUARDRAILS)) {
            problems.add(new Problem("guardrails", "invalid_guardrails", "guardrails is a list of at most "
                    + MAX_GUARDRAILS + " {\"metric\", \"maxDropPercent\"}"));
        } else if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ExperimentMetric metric = metric(list.get(i).path("metric").asText(""), "guardrails[" + i
                        + "].metric", problems);
                double drop = list.get(i).path("maxDropPercent").asDouble(Double.NaN);
                if (!(drop > 0 && drop <= 100)) {
                    problems.add(new Problem("guardrails[" + i + "].maxDropPercent", "invalid_margin",
                            "maxDropPercent is more than 0 and at most 100"));
                }
                guardrails.add(new Guardrail(metric, drop));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_experiment", "The experiment has a problem", problems);
        }
        return new ExperimentDefinition(name, hypothesis, target, variants, enrolled, primary, guardrails);
    }

    private static Target target(JsonNode json, Definitions definitions, List<Problem> problems) {
        String typeName = json.path("type").asText("");
        TargetType type = null;
        for (TargetType t : TargetType.values()) {
            if (t.jsonName().equals(typeName)) {
                type = t;
            }
        }
        String id = json.path("id").asText("");
        if (type == null) {
            problems.add(new Problem("target.type", "invalid_target", "target.type is placement (its strategy"
                    + " varies), personalization (personalized against the fallback only) or rule (search or"
                    + " category re-ranking)"));
            return null;
        }
        boolean exists = type == TargetType.RULE ? definitions.ruleExists(id) : definitions.placementExists(id);
        if (!exists) {
            problems.add(new Problem("target.id", "not_found", "there is no " + (type == TargetType.RULE ? "rule"
                    : "placement") + " '" + id + "' in this catalog"));
        }
        return new Target(type, id);
    }

    private static List<Variant> variants(JsonNode list, Target target, Definitions definitions,
                                          List<Problem> problems) {
        List<Variant> variants = new ArrayList<>();
        if (list == null || !list.isArray() || list.size() < 2 || list.size() > MAX_VARIANTS) {
            problems.add(new Problem("variants", "invalid_variants", "variants lists 2 to " + MAX_VARIANTS
                    + " variants, the control first"));
            return variants;
        }
        Set<String> ids = new HashSet<>();
        double weights = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            String path = "variants[" + i + "]";
            String id = v.path("id").asText("");
            if (!ID.matcher(id).matches() || !ids.add(id)) {
                problems.add(new Problem(path + ".id", "invalid_id", "each variant has its own id of 1 to 64"
                        + " letters, digits and ._-"));
            }
            double weight = v.path("weight").asDouble(Double.NaN);
            if (!(weight > 0)) {
                problems.add(new Problem(path + ".weight", "invalid_weight", "weight is a percentage above 0"));
            } else {
                weights += weight;
            }
            String strategy = v.path("strategy").asText(null);
            String rule = v.path("rule").isNull() ? null : v.path("rule").asText(null);
            Boolean personalized = v.path("personalized").isBoolean() ? v.path("personalized").asBoolean() : null;
            if (target != null) {
                switch (target.type()) {
                    case PLACEMENT -> {
                        if (strategy == null || !definitions.strategyExists(strategy)) {
                            problems.add(new Problem(path + ".strategy", "not_found", "each variant names a strategy"
                                    + " of this catalog" + (strategy == null ? "" : "; there is no '" + strategy + "'")));
                        }
                    }
                    case PERSONALIZATION -> {
                        if (personalized == null) {
                            problems.add(new Problem(path + ".personalized", "missing", "each variant says whether"
                                    + " it is personalized (true) or gets the fallback only (false)"));
                        }
                    }
                    case RULE -> {
                        if (rule != null && !definitions.ruleExists(rule)) {
                            problems.add(new Problem(path + ".rule", "not_found", "there is no rule '" + rule + "';"
                                    + " null is the page's own order"));
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            variants.add(new Variant(id, v.path("name").asText(id), weight, strategy, personalized, rule));
        }
        if (Math.abs(weights - 100) > 1e-9 && problems.stream().noneMatch(p -> p.code().equals("invalid_weight"))) {
            problems.add(new Problem("variants", "weights_not_100", "the variants' weights add up to " + weights
                    + "; they must add up to 100"));
        }
        if (target != null && target.type() == TargetType.PERSONALIZATION && variants.stream()
                .map(Variant::personalized).distinct().count() < 2) {
            problems.add(new Problem("variants", "nothing_compared", "a personalization experiment has a"
                    + " personalized variant and one with the fallback only"));
        }
        return variants;
    }

    private static ExperimentMetric metric(String name, String path, List<Problem> problems) {
        return ExperimentMetric.fromJsonName(name).orElseGet(() -> {
            problems.add(new Problem(path, "unknown_metric", "a metric is one of " + ExperimentMetric.names()));
            return null;
        });
    }
}
