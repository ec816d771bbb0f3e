package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.junit.jupiter.api.Test;

class LiveProfilesTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    private final Symbols names = new Symbols();
    private final ProductFacts shop = new ProductFacts() {
        @Override
        public int[] affinityKeys(String catalog, String productId) {
            return new int[] {names.id(ProductFacts.affinityKey("brand", productId.equals("p-1") ? "Nordpeak" : "Alva"))};
        }

        @Override
        public double price(String catalog, String productId) {
            return 10;
        }

        @Override
        public double eventWeight(String catalog, String eventType) {
            return ProfileSettings.DEFAULTS.weight(eventType);
        }
    };

    private final LiveProfiles profiles = new LiveProfiles(shop, names, ProfileSettings.DEFAULTS);
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

    @Test
    void aTombstoneForgetsThePersonAndLaterEventsStartAFreshOne() {
        apply("view", "a-laptop", null, "p-2");
        apply("identify", "a-laptop", "u-7");
        apply("view", "a-phone", "u-7", "p-1");
        assertThat(profiles.idsOf("a-phone")).containsExactly("u-7", "a-laptop", "a-phone");

        seq++;
        profiles.apply(Tombstone.of(profiles.idsOf("a-phone"), T0.toEpochMilli() + seq * 1_000).withSeq(seq));
        assertThat(profiles.find("u-7", T0)).isEmpty();
        assertThat(profiles.find("a-laptop", T0)).isEmpty();
        assertThat(profiles.size()).isZero();
        assertThat(profiles.forgotten()).isEqualTo(1);

        apply("view", "a-laptop", null, "p-1");
        ProfileSnapshot fresh = profiles.find("a-laptop", T0.plusSeconds(60)).orElseThrow().profile();
        assertThat(fresh.counts()).containsExactly(java.util.Map.entry("view", 1L));
        assertThat(fresh.recentlyViewed()).containsExactly("p-1");
    }

    @Test
    void aProfileKeepsItsStrongestAffinityValuesWithinTheLimit() {
        ProfileSettings two = new ProfileSettings(5, 5, java.time.Duration.ofDays(14), 2,
                ProfileSettings.DEFAULTS.eventWeights(), ProfileSettings.DEFAULTS.viewTypes(), "purchase", "add_to_cart",
                "remove_from_cart");
        ProductFacts colors = new ProductFacts() {
            @Override
            public int[] affinityKeys(String catalog, String productId) {
                return new int[] {names.id(ProductFacts.affinityKey("color", productId))};
            }

            @Override
            public double price(String catalog, String productId) {
                return Double.NaN;
            }

            @Override
            public double eventWeight(String catalog, String eventType) {
                return two.weight(eventType);
            }
        };
        LiveProfiles limited = new LiveProfiles(colors, names, two);
        long[] n = {0};
        java.util.function.BiConsumer<String, String> send = (type, color) -> {
            n[0]++;
            limited.apply(new Event(n[0], null, type, T0.toEpochMilli(), "a-1", null, "shop", List.of(color),
                    JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 0));
        };
        send.accept("purchase", "Red");
        send.accept("view", "Blue");
        send.accept("add_to_cart", "Green");
        send.accept("view", "Black");
        assertThat(limited.find("a-1", T0).orElseThrow().profile().affinities().get("color"))
                .extracting(ProfileSnapshot.Affinity::value)
                .as("Blue (1) gave way to Green (5); Black (1) was weaker than both and was not kept")
                .containsExactly("Red", "Green");
    }
}
