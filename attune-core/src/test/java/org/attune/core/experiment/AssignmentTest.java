package org.attune.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssignmentTest {
    private static final double[] EVEN = {50, 50};

    @Test
    void thePersonsVariantDependsOnTheSaltAndThePersonAloneAndFollowsTheWeights() {
        assertThat(Assignment.variant("exp-1", "a-42", 1, EVEN))
                .isEqualTo(Assignment.variant("exp-1", "a-42", 1, EVEN));
        long[] split = new long[3];
        long[] sameSaltOtherWeights = new long[3];
        int agreeWithAnotherSalt = 0;
        int people = 60_000;
        for (int p = 0; p < people; p++) {
            String unit = "a-" + p;
            int variant = Assignment.variant("exp-1", unit, 1, new double[] {20, 60, 20});
            split[variant]++;
            agreeWithAnotherSalt += variant == Assignment.variant("exp-2", unit, 1, new double[] {20, 60, 20}) ? 1 : 0;
            sameSaltOtherWeights[Assignment.variant("exp-1", unit, 1, new double[] {1, 1, 1})]++;
        }
        assertThat(ExperimentStatistics.sampleRatio(split, new double[] {20, 60, 20}).mismatch())
                .as("20/60/20: %s", java.util.Arrays.toString(split)).isFalse();
        assertThat(ExperimentStatistics.sampleRatio(sameSaltOtherWeights, new double[] {1, 1, 1}).mismatch()).isFalse();
        // independent experiments agree as often as chance says: 0.2² + 0.6² + 0.2² = 44%
        assertThat(agreeWithAnotherSalt / (double) people).isBetween(0.43, 0.45);
    }

    @Test
    void theEnrolledShareIsDrawnApartFromTheVariant() {
        long[] enrolled = new long[2];
        long notEnrolled = 0;
        int people = 40_000;
        for (int p = 0; p < people; p++) {
            int variant = Assignment.variant("exp-3", "u-" + p, 0.25, EVEN);
            if (variant == Assignment.NOT_ENROLLED) {
                notEnrolled++;
            } else {
                enrolled[variant]++;
            }
        }
        assertThat(notEnrolled / (double) people).isBetween(0.74, 0.76);
        assertThat(ExperimentStatistics.sampleRatio(enrolled, EVEN).mismatch()).isFalse();
        assertThat(Assignment.variant("exp-3", "u-1", 0, EVEN)).isEqualTo(Assignment.NOT_ENROLLED);
        assertThat(Assignment.variant("exp-3", null, 1, EVEN)).isEqualTo(Assignment.NOT_ENROLLED);
        // raising the share keeps everyone enrolled before in the variant they had
        for (int p = 0; p < 1_000; p++) {
            int before = Assignment.variant("exp-3", "u-" + p, 0.25, EVEN);
            if (before != Assignment.NOT_ENROLLED) {
                assertThat(Assignment.variant("exp-3", "u-" + p, 0.5, EVEN)).isEqualTo(before);
            }
        }
    }

    @Test
    void aPersonIsAssignedByTheIdentitySeenFirstSoSigningInChangesNothing() {
        List<Assignment.Identity> anonymous = List.of(new Assignment.Identity("a-9", 1_000));
        List<Assignment.Identity> signedIn = List.of(new Assignment.Identity("u-7", 5_000),
                new Assignment.Identity("a-9", 1_000));
        assertThat(Assignment.unitOf(anonymous)).isEqualTo("a-9");
        assertThat(Assignment.unitOf(signedIn)).isEqualTo("a-9");
        assertThat(Assignment.variant("exp-1", Assignment.unitOf(signedIn), 1, EVEN))
                .isEqualTo(Assignment.variant("exp-1", Assignment.unitOf(anonymous), 1, EVEN));
        assertThat(Assignment.unitOf(List.of(new Assignment.Identity("b", 7), new Assignment.Identity("a", 7))))
                .as("ties by id, the same on every node").isEqualTo("a");
        assertThat(Assignment.unitOf(List.of())).isNull();
    }
}
