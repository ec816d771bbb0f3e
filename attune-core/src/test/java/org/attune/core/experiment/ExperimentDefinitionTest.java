package org.attune.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.attune.core.json.Json;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;

class ExperimentDefinitionTest {
    /** The catalog: placement home, strategies popular and for-you, rule search. */
    private static final ExperimentDefinition.Definitions SHOP = new ExperimentDefinition.Definitions() {
        @Override
        public boolean placementExists(String id) {
            return id.equals("home");
        }

        @Override
        public boolean strategyExists(String id) {
            return Set.of("popular", "for-you").contains(id);
        }

        @Override
        public boolean ruleExists(String id) {
            return id.equals("search");
        }
    };

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aPlacementsStrategiesAreComparedWithTheControlFirst() throws Exception {
        ExperimentDefinition read = ExperimentDefinition.read(json("""
                {"name": "For you against popular", "hypothesis": "Personal picks earn more clicks",
                 "target": {"type": "placement", "id": "home"},
                 "variants": [{"id": "control", "weight": 50, "strategy": "popular"},
                              {"id": "for-you", "name": "For you", "weight": 50, "strategy": "for-you"}],
                 "enrolledPercent": 20, "primaryMetric": "revenue_per_visitor",
                 "guardrails": [{"metric": "ctr", "maxDropPercent": 5}]}"""), SHOP);
        assertThat(read.target()).isEqualTo(new ExperimentDefinition.Target(ExperimentDefinition.TargetType.PLACEMENT,
                "home"));
        assertThat(read.variants()).extracting(ExperimentDefinition.Variant::id).containsExactly("control", "for-you");
        assertThat(read.variants().get(0).name()).as("the id when no name").isEqualTo("control");
        assertThat(read.enrolledPercent()).isEqualTo(20);
        assertThat(read.primaryMetric()).isEqualTo(ExperimentMetric.REVENUE_PER_VISITOR);
        assertThat(read.guardrails()).containsExactly(new ExperimentDefinition.Guardrail(ExperimentMetric.CTR, 5));
        assertThat(ExperimentMetric.CONVERSION_RATE.description()).isEqualTo("purchases per click");

        ExperimentDefinition defaults = ExperimentDefinition.read(json("""
                {"name": "Personal or not", "target": {"type": "personalization", "id": "home"},
                 "variants": [{"id": "control", "weight": 30, "personalized": false},
                              {"id": "personal", "weight": 70, "personalized": true}]}"""), SHOP);
        assertThat(defaults.enrolledPercent()).isEqualTo(100);
        assertThat(defaults.primaryMetric()).isEqualTo(ExperimentMetric.CTR);
        ExperimentDefinition rule = ExperimentDefinition.read(json("""
                {"name": "Re-ranked search", "target": {"type": "rule", "id": "search"},
                 "variants": [{"id": "own-order", "weight": 50, "rule": null}, {"id": "ranked", "weight": 50,
                  "rule": "search"}]}"""), SHOP);
        assertThat(rule.variants().get(0).rule()).as("the page's own order").isNull();
    }

    @Test
    void everyProblemIsSaidAtOnce() {
        assertThatThrownBy(() -> ExperimentDefinition.read(json("""
                {"name": "", "target": {"type": "placement", "id": "nowhere"},
                 "variants": [{"id": "a", "weight": 60, "strategy": "popular"},
                              {"id": "a", "weight": 30, "strategy": "gone"}],
                 "enrolledPercent": 0, "primaryMetric": "happiness",
                 "guardrails": [{"metric": "ctr", "maxDropPercent": -1}]}"""), SHOP))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems().stream().map(Problem::path).toList())
                .asList().containsExactly("name", "target.id", "variants[1].id", "variants[1].strategy", "variants",
                        "enrolledPercent", "primaryMetric", "guardrails[0].maxDropPercent");
        assertThatThrownBy(() -> ExperimentDefinition.read(json("""
                {"name": "One-sided", "target": {"type": "personalization", "id": "home"},
                 "variants": [{"id": "a", "weight": 50, "personalized": true},
                              {"id": "b", "weight": 50, "personalized": true}]}"""), SHOP))
                .hasMessageContaining("problem").extracting(e -> ((InvalidInputException) e).problems().get(0).code())
                .isEqualTo("nothing_compared");
    }

    @Test
    void aStatusMovesOnlyForward() {
        assertThat(ExperimentStatus.DRAFT.canMoveTo(ExperimentStatus.RUNNING)).isTrue();
        assertThat(ExperimentStatus.DRAFT.canMoveTo(ExperimentStatus.CONCLUDED)).isFalse();
        assertThat(ExperimentStatus.RUNNING.canMoveTo(ExperimentStatus.STOPPED)).isTrue();
        assertThat(ExperimentStatus.STOPPED.canMoveTo(ExperimentStatus.RUNNING)).as("started again").isTrue();
        assertThat(ExperimentStatus.CONCLUDED.next()).isEmpty();
    }
}
