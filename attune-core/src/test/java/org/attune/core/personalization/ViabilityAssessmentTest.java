package org.attune.core.personalization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.attune.core.json.Json;
import org.attune.core.model.ModelVersion;
import org.attune.core.personalization.ViabilityReport.Criterion;
import org.attune.core.personalization.ViabilityReport.Rating;
import org.junit.jupiter.api.Test;

class ViabilityAssessmentTest {
    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final ModelVersion VERSION = new ModelVersion("mdl_a", 3, NOW, Json.MAPPER.createObjectNode(),
            "co_occurrence", new ModelVersion.DataWindow(10, NOW, NOW, 10, 1, 1, 1, 1), 5,
            new ModelVersion.OfflineMetrics("time split", 40, 0.3, 0.2, 0.1, 0.05),
            new ModelVersion.SignalAnalytics(1, 1, java.util.Map.of(), new java.util.TreeMap<>()), 10);

    /** 200 products, 160 known, 120 own profiles, 150 with N interactions, 8,000 events: all green but volume. */
    private static ViabilityAssessment.Measurements shop(long events, long transactionalPeople, double churn) {
        return new ViabilityAssessment.Measurements(200, 160, 120, 150, events, 1_000, transactionalPeople, 10, churn);
    }

    private static Criterion criterion(ViabilityReport report, String name) {
        return report.criteria().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyRequiredCriterionGreenIsViableAndCarriesTheModelsAccuracy() {
        ViabilityReport report = ViabilityAssessment.assess(shop(20_000, 300, 0), ViabilityThresholds.DEFAULTS,
                VERSION, NOW);

        assertThat(report.outcome()).isEqualTo(SetupStatus.VIABLE);
        assertThat(report.modelVersion()).isEqualTo(3);
        assertThat(report.accuracy().hitRate10()).isEqualTo(0.3);
        assertThat(report.churnWarning()).isNull();
        assertThat(criterion(report, ViabilityThresholds.KNOWN_PRODUCTS).value()).isEqualTo(0.8);
        assertThat(criterion(report, ViabilityThresholds.EVENTS_PER_PRODUCT).value()).isEqualTo(100);
        assertThat(criterion(report, ViabilityThresholds.EVENTS).action()).as("nothing to do when green").isEmpty();
    }

    @Test
    void aYellowRequiredCriterionNeedsImprovementAndARedOneIsNotViable() {
        ViabilityReport yellow = ViabilityAssessment.assess(shop(8_000, 300, 0), ViabilityThresholds.DEFAULTS,
                VERSION, NOW);
        assertThat(criterion(yellow, ViabilityThresholds.EVENTS).rating()).isEqualTo(Rating.YELLOW);
        assertThat(yellow.outcome()).isEqualTo(SetupStatus.VIABLE_NEEDS_IMPROVEMENT);

        ViabilityReport red = ViabilityAssessment.assess(shop(999, 300, 0), ViabilityThresholds.DEFAULTS, VERSION,
                NOW);
        assertThat(criterion(red, ViabilityThresholds.EVENTS).rating()).isEqualTo(Rating.RED);
        assertThat(criterion(red, ViabilityThresholds.EVENTS).action()).isNotEmpty();
        assertThat(red.outcome()).isEqualTo(SetupStatus.NOT_VIABLE);
    }

    @Test
    void feedbackQualityInformsButNeverBlocks() {
        ViabilityReport report = ViabilityAssessment.assess(shop(20_000, 0, 0), ViabilityThresholds.DEFAULTS,
                VERSION, NOW);

        Criterion buyers = criterion(report, ViabilityThresholds.TRANSACTIONAL_PEOPLE);
        assertThat(buyers.rating()).isEqualTo(Rating.RED);
        assertThat(buyers.required()).isFalse();
        assertThat(buyers.priority()).isEqualTo(3);
        assertThat(report.outcome()).isEqualTo(SetupStatus.VIABLE);
    }

    @Test
    void churnAboveTheShareWarnsWithoutChangingTheOutcome() {
        assertThat(ViabilityAssessment.assess(shop(20_000, 300, 0.30), ViabilityThresholds.DEFAULTS, VERSION, NOW)
                .churnWarning()).as("30% is not more than 30%").isNull();
        ViabilityReport churned = ViabilityAssessment.assess(shop(20_000, 300, 0.45), ViabilityThresholds.DEFAULTS,
                VERSION, NOW);
        assertThat(churned.churnWarning()).contains("45%").contains("3 days");
        assertThat(churned.outcome()).isEqualTo(SetupStatus.VIABLE);
    }

    @Test
    void thresholdsOverrideOnlyWhatIsGivenAndTheReportReadsBackWhole() {
        ObjectNode overrides = Json.MAPPER.createObjectNode().put("churnDays", 7);
        overrides.putObject("criteria").putObject(ViabilityThresholds.EVENTS).put("minimum", 10);
        ViabilityThresholds thresholds = ViabilityThresholds.DEFAULTS.with(overrides);

        assertThat(thresholds.limit(ViabilityThresholds.EVENTS)).isEqualTo(new ViabilityThresholds.Limit(10_000, 10));
        assertThat(thresholds.limit(ViabilityThresholds.PRODUCTS)).isEqualTo(
                ViabilityThresholds.DEFAULTS.limit(ViabilityThresholds.PRODUCTS));
        assertThat(thresholds.churnDays()).isEqualTo(7);
        assertThat(ViabilityThresholds.DEFAULTS.with(thresholds.toJson())).isEqualTo(thresholds);
        ViabilityReport report = ViabilityAssessment.assess(shop(1_000, 300, 0.5), thresholds, VERSION, NOW);
        assertThat(report.outcome()).isEqualTo(SetupStatus.VIABLE_NEEDS_IMPROVEMENT);
        assertThat(ViabilityReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void unknownCriteriaAndThresholdsOutOfOrderAreRefused() {
        ObjectNode unknown = Json.MAPPER.createObjectNode();
        unknown.putObject("criteria").putObject("vibes").put("minimum", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViabilityThresholds.DEFAULTS.with(unknown))
                .hasMessageContaining("unknown criterion 'vibes'");
        ObjectNode inverted = Json.MAPPER.createObjectNode();
        inverted.putObject("criteria").putObject(ViabilityThresholds.EVENTS).put("minimum", 20_000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ViabilityThresholds.DEFAULTS.with(inverted))
                .hasMessageContaining("minimum <= recommended");
    }
}
