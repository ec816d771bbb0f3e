package org.attune.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.attune.core.event.Event;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    private static final ProfileSettings SETTINGS = new ProfileSettings(3, 2, Duration.ofDays(14),
            Map.of("view", 1.0, "click", 2.0, "add_to_cart", 5.0, "purchase", 8.0), "purchase", "add_to_cart",
            "remove_from_cart");

    /** Three products: two by Nordpeak (one red), one by Alva. */
    private static final ProductFacts SHOP = new ProductFacts() {
        @Override
        public List<AttributeValue> affinityValues(String catalog, String productId) {
            return switch (productId) {
                case "p-1" -> List.of(new AttributeValue("brand", "Nordpeak"), new AttributeValue("color", "Red"));
                case "p-2" -> List.of(new AttributeValue("brand", "Nordpeak"), new AttributeValue("color", "Blue"));
                case "p-3" -> List.of(new AttributeValue("brand", "Alva"), new AttributeValue("color", "Red"));
                default -> List.of();
            };
        }

        @Override
        public double price(String catalog, String productId) {
            return productId.equals("p-3") ? 30.0 : 10.0;
        }
    };

    private long seq;

    private Event event(String type, Duration after, String... items) {
        return event(type, after, JsonNodeFactory.instance.objectNode(), items);
    }

    private Event event(String type, Duration after, ObjectNode properties, String... items) {
        seq++;
        return new Event(seq, "e-" + seq, type, T0.plus(after).toEpochMilli(), "a-1", null, "shop", List.of(items),
                properties, JsonNodeFactory.instance.objectNode(), 0);
    }

    private static double score(ProfileSnapshot snapshot, String attribute, String value) {
        return snapshot.affinities().get(attribute).stream().filter(a -> a.value().equals(value))
                .findFirst().orElseThrow().score();
    }

    @Test
    void affinitiesWeighEventTypesAndHalveEveryHalfLife() {
        Profile profile = new Profile(1);
        profile.apply(event("view", Duration.ZERO, "p-1"), SHOP, SETTINGS);
        profile.apply(event("add_to_cart", Duration.ZERO, "p-3"), SHOP, SETTINGS);
        profile.apply(event("search", Duration.ZERO), SHOP, SETTINGS);

        ProfileSnapshot now = profile.snapshot(T0, SETTINGS);
        assertThat(score(now, "brand", "Nordpeak")).isCloseTo(1.0, within(1e-9));
        assertThat(score(now, "brand", "Alva")).isCloseTo(5.0, within(1e-9));
        assertThat(score(now, "color", "Red")).isCloseTo(6.0, within(1e-9));
        assertThat(now.affinities().get("brand")).extracting(ProfileSnapshot.Affinity::value)
                .containsExactly("Alva", "Nordpeak");

        ProfileSnapshot later = profile.snapshot(T0.plus(Duration.ofDays(14)), SETTINGS);
        assertThat(score(later, "color", "Red")).isCloseTo(3.0, within(1e-9));

        // An event two weeks later counts fully, the old ones half.
        profile.apply(event("view", Duration.ofDays(14), "p-2"), SHOP, SETTINGS);
        ProfileSnapshot after = profile.snapshot(T0.plus(Duration.ofDays(14)), SETTINGS);
        assertThat(score(after, "brand", "Nordpeak")).isCloseTo(0.5 + 1.0, within(1e-9));
    }

    @Test
    void keepsRecentEventsCountsAndRecentlyViewedWithinTheirBounds() {
        Profile profile = new Profile(1);
        profile.apply(event("view", Duration.ofMinutes(1), "p-1"), SHOP, SETTINGS);
        profile.apply(event("view", Duration.ofMinutes(2), "p-2"), SHOP, SETTINGS);
        profile.apply(event("view", Duration.ofMinutes(3), "p-1"), SHOP, SETTINGS);
        profile.apply(event("click", Duration.ofMinutes(4), "p-3"), SHOP, SETTINGS);

        ProfileSnapshot snapshot = profile.snapshot(T0.plus(Duration.ofHours(1)), SETTINGS);
        assertThat(snapshot.recentEvents()).extracting(Event::seq).containsExactly(4L, 3L, 2L);
        assertThat(snapshot.counts()).containsEntry("view", 3L).containsEntry("click", 1L);
        assertThat(snapshot.firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(snapshot.lastSeen()).isEqualTo(T0.plus(Duration.ofMinutes(4)));
        assertThat(snapshot.recentlyViewed()).containsExactly("p-3", "p-1");
    }

    @Test
    void cartAndPurchasesGiveRecencyFrequencyAndSpend() {
        Profile profile = new Profile(1);
        profile.apply(event("add_to_cart", Duration.ZERO, "p-1"), SHOP, SETTINGS);
        profile.apply(event("add_to_cart", Duration.ZERO, "p-2"), SHOP, SETTINGS);
        profile.apply(event("add_to_cart", Duration.ZERO, "p-3"), SHOP, SETTINGS);
        profile.apply(event("remove_from_cart", Duration.ofMinutes(1), "p-2"), SHOP, SETTINGS);
        ObjectNode revenue = JsonNodeFactory.instance.objectNode().put("revenue", 25.5);
        profile.apply(event("purchase", Duration.ofMinutes(2), revenue, "p-1"), SHOP, SETTINGS);
        profile.apply(event("purchase", Duration.ofDays(-40), "p-3"), SHOP, SETTINGS);

        ProfileSnapshot snapshot = profile.snapshot(T0.plus(Duration.ofDays(1)), SETTINGS);
        assertThat(snapshot.cart()).as("a purchase older than the add-to-cart leaves it in the cart")
                .containsExactly("p-3");
        assertThat(snapshot.recentlyPurchased()).as("newest first by event time").containsExactly("p-1", "p-3");
        assertThat(snapshot.rfm().spend()).isCloseTo(25.5 + 30.0, within(1e-9));
        assertThat(snapshot.rfm().purchases30d()).isEqualTo(1);
        assertThat(snapshot.rfm().purchases90d()).isEqualTo(2);
        assertThat(snapshot.rfm().daysSinceLastPurchase()).isCloseTo(1.0, within(0.01));
        assertThat(new Profile(2).snapshot(T0, SETTINGS).rfm().daysSinceLastPurchase()).isNull();
    }

    @Test
    void absorbingAnotherPersonCombinesTheirHistories() {
        Profile phone = new Profile(1);
        Profile laptop = new Profile(2);
        phone.apply(event("view", Duration.ofMinutes(1), "p-1"), SHOP, SETTINGS);
        laptop.apply(event("view", Duration.ofMinutes(2), "p-3"), SHOP, SETTINGS);
        laptop.apply(event("add_to_cart", Duration.ofMinutes(3), "p-3"), SHOP, SETTINGS);
        phone.apply(event("view", Duration.ofMinutes(4), "p-2"), SHOP, SETTINGS);

        phone.absorb(laptop, SETTINGS);
        ProfileSnapshot merged = phone.snapshot(T0.plus(Duration.ofMinutes(5)), SETTINGS);
        assertThat(merged.recentEvents()).extracting(Event::seq).containsExactly(4L, 3L, 2L);
        assertThat(merged.counts()).containsEntry("view", 3L).containsEntry("add_to_cart", 1L);
        assertThat(merged.cart()).containsExactly("p-3");
        assertThat(merged.recentlyViewed()).containsExactly("p-2", "p-3");
        assertThat(score(merged, "brand", "Alva")).isCloseTo(6.0, within(1e-3));
        assertThat(score(merged, "brand", "Nordpeak")).isCloseTo(2.0, within(1e-3));
        assertThat(merged.firstSeen()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    }
}
