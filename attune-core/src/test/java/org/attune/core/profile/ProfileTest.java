package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.event.Event;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    private static final ProfileSettings SETTINGS = new ProfileSettings(3, 2, Duration.ofDays(14), 64,
            Map.of("view", 1.0, "click", 2.0, "add_to_cart", 5.0, "purchase", 8.0), Set.of("view", "click"),
            "purchase", "add_to_cart", "remove_from_cart");

    private final Symbols names = new Symbols();

    /** Three products: two by Nordpeak (one red), one by Alva. */
    private final ProductFacts shop = new ProductFacts() {
        @Override
        public int[] affinityKeys(String catalog, String productId) {
            return switch (productId) {
                case "p-1" -> keys("brand", "Nordpeak", "color", "Red");
                case "p-2" -> keys("brand", "Nordpeak", "color", "Blue");
                case "p-3" -> keys("brand", "Alva", "color", "Red");
                default -> new int[0];
            };
        }

        @Override
        public double price(String catalog, String productId) {
            return productId.equals("p-3") ? 30.0 : 10.0;
        }

        @Override
        public double eventWeight(String catalog, String eventType) {
            return SETTINGS.weight(eventType);
        }
    };

    private final LiveProfiles profiles = new LiveProfiles(shop, names, SETTINGS);
    private long seq;

    private int[] keys(String... attributeValuePairs) {
        int[] keys = new int[attributeValuePairs.length / 2];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = names.id(ProductFacts.affinityKey(attributeValuePairs[2 * i], attributeValuePairs[2 * i + 1]));
        }
        return keys;
    }

    private void apply(String person, String type, Duration after, String... items) {
        apply(person, type, after, JsonNodeFactory.instance.objectNode(), items);
    }

    private void apply(String person, String type, Duration after, ObjectNode properties, String... items) {
        seq++;
        profiles.apply(new Event(seq, "e-" + seq, type, T0.plus(after).toEpochMilli(), person, null, "shop",
                List.of(items), properties, JsonNodeFactory.instance.objectNode(), 0));
    }

    private ProfileSnapshot snapshot(String person, Instant at) {
        return profiles.find(person, at).orElseThrow().profile();
    }

    private static double score(ProfileSnapshot snapshot, String attribute, String value) {
        return snapshot.affinities().get(attribute).stream().filter(a -> a.value().equals(value))
                .findFirst().orElseThrow().score();
    }

    @Test
    void affinitiesWeighEventTypesAndHalveEveryHalfLife() {
        apply("a-1", "view", Duration.ZERO, "p-1");
        apply("a-1", "add_to_cart", Duration.ZERO, "p-3");
        apply("a-1", "search", Duration.ZERO);

        ProfileSnapshot now = snapshot("a-1", T0);
        assertThat(score(now, "brand", "Nordpeak")).isCloseTo(1.0, within(1e-5));
        assertThat(score(now, "brand", "Alva")).isCloseTo(5.0, within(1e-5));
        assertThat(score(now, "color", "Red")).isCloseTo(6.0, within(1e-5));
        assertThat(now.affinities().get("brand")).extracting(ProfileSnapshot.Affinity::value)
                .containsExactly("Alva", "Nordpeak");

        ProfileSnapshot later = snapshot("a-1", T0.plus(Duration.ofDays(14)));
        assertThat(score(later, "color", "Red")).isCloseTo(3.0, within(1e-5));

        // An event two weeks later counts fully, the old ones half.
        apply("a-1", "view", Duration.ofDays(14), "p-2");
        ProfileSnapshot after = snapshot("a-1", T0.plus(Duration.ofDays(14)));
        assertThat(score(after, "brand", "Nordpeak")).isCloseTo(0.5 + 1.0, within(1e-5));
    }

    @Test
    void keepsRecentEventsCountsAndRecentlyViewedWithinTheirBounds() {
        apply("a-1", "view", Duration.ofMinutes(1), "p-1");
        apply("a-1", "view", Duration.ofMinutes(2), "p-2");
        apply("a-1", "view", Duration.ofMinutes(3), "p-1");
        apply("a-1", "click", Duration.ofMinutes(4), "p-3");

        ProfileSnapshot snapshot = snapshot("a-1", T0.plus(Duration.ofHours(1)));
        assertThat(snapshot.recentEvents()).extracting(ProfileSnapshot.RecentEvent::seq).containsExactly(4L, 3L, 2L);
        assertThat(snapshot.recentEvents().get(0)).isEqualTo(new ProfileSnapshot.RecentEvent(4, "click",
                T0.plus(Duration.ofMinutes(4)), "shop", List.of("p-3")));
        assertThat(snapshot.counts()).containsEntry("view", 3L).containsEntry("click", 1L);
        assertThat(snapshot.firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(snapshot.lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
        assertThat(snapshot.recentlyViewed()).containsExactly("p-3", "p-1");
    }

    @Test
    void everyProductBoughtIsRememberedWhileTheSnapshotShowsTheNewest() {
        for (int i = 0; i < 30; i++) {
            apply("a-1", "purchase", Duration.ofMinutes(i), "q-" + i);
        }
        apply("a-1", "purchase", Duration.ofMinutes(40), "q-0");

        assertThat(snapshot("a-1", T0.plus(Duration.ofDays(1))).recentlyPurchased())
                .as("the newest 2, as the settings say").containsExactly("q-0", "q-29");
        List<String> all = profiles.person("a-1").orElseThrow().purchased();
        assertThat(all).hasSize(30).startsWith("q-0", "q-29", "q-28").endsWith("q-1");
    }

    @Test
    void cartAndPurchasesGiveRecencyFrequencyAndSpend() {
        apply("a-1", "add_to_cart", Duration.ZERO, "p-1");
        apply("a-1", "add_to_cart", Duration.ZERO, "p-2");
        apply("a-1", "add_to_cart", Duration.ZERO, "p-3");
        apply("a-1", "remove_from_cart", Duration.ofMinutes(1), "p-2");
        ObjectNode revenue = JsonNodeFactory.instance.objectNode().put("revenue", 25.5);
        apply("a-1", "purchase", Duration.ofMinutes(2), revenue, "p-1");
        apply("a-1", "purchase", Duration.ofDays(-40), "p-3");
        apply("a-2", "view", Duration.ZERO, "p-1");

        ProfileSnapshot snapshot = snapshot("a-1", T0.plus(Duration.ofDays(1)));
        assertThat(snapshot.cart()).as("a purchase older than the add-to-cart leaves it in the cart")
                .containsExactly("p-3");
        assertThat(snapshot.recentlyPurchased()).as("newest first by event time").containsExactly("p-1", "p-3");
        assertThat(snapshot.rfm().spend()).isCloseTo(25.5 + 30.0, within(1e-5));
        assertThat(snapshot.rfm().purchases30d()).isEqualTo(1);
        assertThat(snapshot.rfm().purchases90d()).isEqualTo(2);
        assertThat(snapshot.rfm().daysSinceLastPurchase()).isCloseTo(1.0, within(0.01));
        assertThat(snapshot("a-2", T0).rfm().daysSinceLastPurchase()).isNull();
    }

    @Test
    void absorbingAnotherPersonCombinesTheirHistories() {
        seq++;
        profiles.apply(new Event(seq, null, "identify", T0.toEpochMilli(), "a-phone", "u-1", null, List.of(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(), 0));
        apply("a-phone", "view", Duration.ofMinutes(1), "p-1");
        apply("a-laptop", "view", Duration.ofMinutes(2), "p-3");
        apply("a-laptop", "add_to_cart", Duration.ofMinutes(3), "p-3");
        apply("a-phone", "view", Duration.ofMinutes(4), "p-2");

        seq++;
        profiles.apply(new Event(seq, null, "identify", T0.plus(Duration.ofMinutes(5)).toEpochMilli(), "a-laptop",
                "u-1", null, List.of(), JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                0));
        ProfileSnapshot merged = snapshot("a-laptop", T0.plus(Duration.ofMinutes(5)));
        assertThat(merged.recentEvents()).extracting(ProfileSnapshot.RecentEvent::seq).containsExactly(6L, 5L, 4L);
        assertThat(merged.counts()).containsEntry("view", 3L).containsEntry("add_to_cart", 1L)
                .containsEntry("identify", 2L);
        assertThat(merged.cart()).containsExactly("p-3");
        assertThat(merged.recentlyViewed()).containsExactly("p-2", "p-3");
        assertThat(score(merged, "brand", "Alva")).isCloseTo(6.0, within(1e-3));
        assertThat(score(merged, "brand", "Nordpeak")).isCloseTo(2.0, within(1e-3));
        assertThat(merged.firstSeen()).isEqualTo(T0);
    }

    private void applyAt(String person, String type, long millis, ObjectNode properties, String... items) {
        seq++;
        profiles.apply(new Event(seq, "e-" + seq, type, millis, person, null, "shop", List.of(items), properties,
                JsonNodeFactory.instance.objectNode(), 0));
    }

    @Test
    void eventsAtTheEndsOfTimeKeepAffinitiesFiniteAndTheHistory() {
        ObjectNode none = JsonNodeFactory.instance.objectNode();
        apply("a-1", "view", Duration.ZERO, "p-1");
        applyAt("a-1", "view", Long.MIN_VALUE, none, "p-3");
        apply("a-1", "view", Duration.ZERO, "p-1");

        ProfileSnapshot snapshot = snapshot("a-1", T0);
        assertThat(score(snapshot, "brand", "Nordpeak")).as("the ancient event did not wipe it")
                .isCloseTo(2.0, within(1e-5));
        assertThat(snapshot.firstSeen()).isEqualTo(Instant.ofEpochMilli(Long.MIN_VALUE));

        applyAt("a-1", "view", Long.MAX_VALUE, none, "p-2");
        ProfileSnapshot after = snapshot("a-1", T0);
        assertThat(after.affinities().values()).allSatisfy(list -> assertThat(list)
                .allSatisfy(affinity -> assertThat(affinity.score()).isFinite()));
        assertThat(snapshot("a-1", Instant.ofEpochMilli(Long.MIN_VALUE)).affinities().values()).allSatisfy(list -> assertThat(list)
                .allSatisfy(affinity -> assertThat(affinity.score()).isFinite()));
    }

    @Test
    void hugeOrNonNumericRevenueNeverMakesSpendInfinite() {
        apply("a-1", "purchase", Duration.ZERO, JsonNodeFactory.instance.objectNode().put("revenue", 1e308), "p-1");
        apply("a-1", "purchase", Duration.ZERO, JsonNodeFactory.instance.objectNode().put("revenue", 1e308), "p-1");
        apply("a-1", "purchase", Duration.ZERO,
                JsonNodeFactory.instance.objectNode().put("revenue", Double.POSITIVE_INFINITY), "p-1");
        apply("a-1", "purchase", Duration.ZERO, JsonNodeFactory.instance.objectNode().put("revenue", Double.NaN),
                "p-1");

        assertThat(snapshot("a-1", T0).rfm().spend()).isEqualTo(Double.MAX_VALUE);
        assertThat(snapshot("a-1", T0).rfm().purchases30d()).isEqualTo(4);
    }

    @Test
    void aPersonWithoutEventsOrPurchasesHasNoTimes() {
        apply("a-1", "search", Duration.ZERO);

        ProfileSnapshot snapshot = snapshot("a-1", T0);
        assertThat(snapshot.firstSeen()).isEqualTo(T0);
        assertThat(snapshot.rfm().daysSinceLastPurchase()).isNull();
    }
}
