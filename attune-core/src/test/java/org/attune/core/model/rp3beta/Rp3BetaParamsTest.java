package org.attune.core.model.rp3beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Rp3BetaParamsTest {

    @Test
    void defaultsAreValidAndEachWithChangesOneField() {
        Rp3BetaParams params = Rp3BetaParams.DEFAULTS.withAlpha(0.7).withBeta(0.3).withMaxNeighbors(50)
                .withNormalizeRows(true);
        assertThat(params).isEqualTo(new Rp3BetaParams(0.7, 0.3, 50, true));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withAlpha(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be between 0 and 2, got -0.1");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withAlpha(Double.NaN))
                .hasMessage("alpha must be between 0 and 2, got NaN");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withBeta(2.5))
                .hasMessage("beta must be between 0 and 2, got 2.5");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withMaxNeighbors(0))
                .hasMessage("maxNeighbors must be between 1 and 1,000, got 0");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withMaxNeighbors(1_001))
                .hasMessage("maxNeighbors must be between 1 and 1,000, got 1001");
        assertThat(new Rp3BetaParams(0, 2, 1_000, false).beta()).as("the bounds are allowed").isEqualTo(2);
    }
}
