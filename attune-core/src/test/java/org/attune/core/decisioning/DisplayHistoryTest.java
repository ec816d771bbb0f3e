package org.attune.core.decisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayHistoryTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aPersonIsCountedUnderTheirProfileElseTheIdAskedAndAForgottenPersonsShowingsGo() {
        DisplayHistory history = new DisplayHistory();
        String profile = DisplayHistory.key(42L, "a-1");
        String newcomer = DisplayHistory.key(null, "a-2");
        assertThat(profile).isEqualTo("p:42");
        assertThat(newcomer).isEqualTo("a:a-2");
        assertThat(DisplayHistory.key(null, null)).isNull();
        history.record(profile, "home", List.of("p-1", "p-2"), NOW - 1_000);
        history.record(profile, "pdp", List.of("p-1"), NOW);
        history.record(newcomer, "home", List.of("p-3"), NOW);
        history.record(DisplayHistory.key(7L, "a-3"), "home", List.of("p-1"), NOW);

        assertThat(history.counts(profile, null, 1, NOW)).isEqualTo(Map.of("p-1", 2, "p-2", 1));
        assertThat(history.counts(profile, "home", 1, NOW)).isEqualTo(Map.of("p-1", 1, "p-2", 1));

        history.forget(42L, List.of("a-1", "a-2"));
        assertThat(history.counts(profile, null, 1, NOW)).isEmpty();
        assertThat(history.counts(newcomer, null, 1, NOW)).as("shown under an id of the person").isEmpty();
        assertThat(history.counts("p:7", null, 1, NOW)).as("someone else").isEqualTo(Map.of("p-1", 1));
    }
}
