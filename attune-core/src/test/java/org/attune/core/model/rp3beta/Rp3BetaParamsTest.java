package org.attune.core.model.rp3beta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Rp3BetaParamsTest {

    @Test
    void defaultsAreValidAndEachWithChangesOneField() {
        Rp3BetaParams params = Rp3BetaParams.DEFAULTS.withAlpha(0.7).withBeta(0.3).withMaxNeighbors(50)
                .withRowWeights(Rp3BetaParams.RAW);
        assertThat(params).isEqualTo(new Rp3BetaParams(0.7, 0.3, 50, "raw"));
        assertThat(params.normalizeRows()).isFalse();
        assertThat(Rp3BetaParams.DEFAULTS.normalizeRows()).isTrue();
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheRangeInTheMessage() {
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withAlpha(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha must be a number from 0 to 2, got -0.1");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withAlpha(Double.NaN))
                .hasMessage("alpha must be a number from 0 to 2, got NaN");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withBeta(2.5))
                .hasMessage("beta must be a number from 0 to 2, got 2.5");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withMaxNeighbors(0))
                .hasMessage("maxNeighbors must be a whole number from 1 to 1000, got 0");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withMaxNeighbors(1_001))
                .hasMessage("maxNeighbors must be a whole number from 1 to 1000, got 1001");
        assertThatThrownBy(() -> Rp3BetaParams.DEFAULTS.withRowWeights("yes"))
                .hasMessage("rowWeights must be one of [normalized, raw], got 'yes'");
        assertThat(new Rp3BetaParams(0, 2, 1_000, "raw").beta()).as("the bounds are allowed").isEqualTo(2);
    }
}
