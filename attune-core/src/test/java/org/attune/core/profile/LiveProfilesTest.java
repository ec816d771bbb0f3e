package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.attune.core.event.Event;
import org.junit.jupiter.api.Test;

class LiveProfilesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    private static final ProductFacts SHOP = new ProductFacts() {
        @Override
        public List<AttributeValue> affinityValues(String catalog, String productId) {
            return List.of(new AttributeValue("brand", productId.equals("p-1") ? "Nordpeak" : "Alva"));
        }

        @Override
        public double price(String catalog, String productId) {
            return 10;
        }
    };

    private final LiveProfiles profiles = new LiveProfiles(SHOP, ProfileSettings.DEFAULTS);
    private long seq;

    private void apply(String type, String anonymousId, String userId, String... items) {
        seq++;
        profiles.apply(new Event(seq, "e-" + seq, type, T0.toEpochMilli() + seq * 1_000, anonymousId, userId, "shop",
                List.of(items), JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 0));
    }

    @Test
    void aLoginMergesTheDevicesHistoryIntoTheUsersProfile() {
        apply("view", "a-laptop", null, "p-2");
        apply("identify", "a-laptop", "u-7");
        apply("view", "a-phone", null, "p-1");
        apply("add_to_cart", "a-phone", null, "p-1");
        apply("identify", "a-phone", "u-7");

        LiveProfiles.View view = profiles.find("a-phone", T0.plusSeconds(60)).orElseThrow();
        assertThat(view.person().userId()).isEqualTo("u-7");
        assertThat(view.person().anonymousIds()).containsExactly("a-laptop", "a-phone");
        assertThat(view.profile().counts()).containsEntry("view", 2L).containsEntry("identify", 2L)
                .containsEntry("add_to_cart", 1L);
        assertThat(view.profile().cart()).containsExactly("p-1");
        assertThat(view.profile().affinities().get("brand")).extracting(ProfileSnapshot.Affinity::value)
                .containsExactly("Nordpeak", "Alva");
        assertThat(profiles.find("u-7", T0).orElseThrow().person().id()).isEqualTo(view.person().id());
        assertThat(profiles.size()).isEqualTo(1);
        assertThat(profiles.appliedThrough()).isEqualTo(5);
        assertThat(profiles.find("nobody", T0)).isEmpty();
    }
}
