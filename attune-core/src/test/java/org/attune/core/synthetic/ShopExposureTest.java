package org.attune.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated shop that shows recommendations: the placements' answers become impression and
 * click events carrying their recIds, the shop before the exposure stays as it was, and
 * placements that show what shoppers really like earn clearly more clicks and revenue than
 * placements that show products at random.
 */
class ShopExposureTest {
    private static final Instant END = Instant.parse("2026-03-02T00:00:00Z");
    private static final ShopSpec SPEC = new ShopSpec("test-shop", 1_000, 2_000, 28, END, 7);
    private static final Instant FROM = END.minus(Duration.ofDays(14));
    private static final Duration FRESHNESS = Duration.ofHours(1);
    private static final long DAY = 86_400_000L;

    private static List<Shopper> shoppers;
    private static List<ObjectNode> products;
    private static List<ObjectNode> unexposed;
    private static Placements tasteful;
    private static List<ObjectNode> tastefulEvents;
    /** Times of {@link #tastefulEvents}, parsed once. */
    private static long[] tastefulTimes;

    @BeforeAll
    static void generate() {
        ShopGenerator generator = new ShopGenerator(SPEC);
        shoppers = generator.shoppers();
        products = generator.products();
        unexposed = new ArrayList<>();
        generator.events(unexposed::add);
        tasteful = new ShoppersTastes();
        tastefulEvents = tasteful.play(generator);
        tastefulTimes = tastefulEvents.stream().mapToLong(ShopExposureTest::time).toArray();
    }

    @Test
    void shownProductsBecomeImpressionsAndClicksThatCarryTheAnswersRecId() {
        EventValidator validator = new EventValidator(EventLimits.DEFAULTS, "test-shop"::equals);
        long impressions = 0;
        long clicks = 0;
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < tastefulEvents.size(); i++) {
            ObjectNode event = tastefulEvents.get(i);
            if (!validator.validate(event, END.toEpochMilli()).problems().isEmpty()) {
                violations.add("invalid: " + event);
            }
            String recId = event.path("context").path("recId").asText(null);
            String type = event.get("type").asText();
            if (type.equals("impression")) {
                impressions++;
                List<String> shown = tasteful.answers.get(recId);
                if (shown == null || tastefulTimes[i] < FROM.toEpochMilli()
                        || !shown.equals(texts(event.get("itemIds")))) {
                    violations.add("impression not of an answer as shown: " + event);
                }
            } else if (type.equals("click") && recId != null) {
                clicks++;
                List<String> shown = tasteful.answers.get(recId);
                String product = event.get("itemId").asText();
                ObjectNode next = null;
                for (int j = i + 1; j < tastefulEvents.size() && next == null; j++) {
                    if (tastefulEvents.get(j).get("anonymousId").equals(event.get("anonymousId"))) {
                        next = tastefulEvents.get(j);
                    }
                }
                if (shown == null || shown.indexOf(product) + 1 != event.path("properties").path("position").asInt()
                        || next == null || !next.get("type").asText().equals("view")
                        || !next.get("itemId").asText().equals(product)) {
                    violations.add("click not on its answer's product at its position, then its page: " + event);
                }
            } else if (recId != null) {
                violations.add("a recId on a " + type + ": " + event);
            }
        }
        assertThat(violations).isEmpty();
        assertThat(impressions).as("impressions").isGreaterThan(1_000);
        assertThat(clicks).as("clicks on recommendations").isGreaterThan(100);
        assertThat(tasteful.answers.size()).as("every impression is of an answer, not every answer seen")
                .isGreaterThan((int) impressions);
    }

    @Test
    void theShopBeforeTheExposureIsExactlyTheShopWithoutIt() {
        long from = FROM.toEpochMilli();
        List<ObjectNode> before = unexposed.stream().filter(e -> time(e) < from).toList();
        assertThat(tastefulEvents.subList(0, before.size())).isEqualTo(before);
        assertThat(time(tastefulEvents.get(before.size()))).isGreaterThanOrEqualTo(from);
        assertThat(tasteful.asks.stream().mapToLong(ShopRecommendations.Ask::time).min().orElseThrow())
                .isGreaterThanOrEqualTo(from);
    }

    @Test
    void placementsAreAskedOnlyAfterEveryEarlierEventWasSent() {
        List<Long> steps = tasteful.sentBefore;
        assertThat(steps).first().isEqualTo(FROM.toEpochMilli());
        assertThat(steps.size()).isBetween(14 * 24 - 2, 14 * 24);
        int earlier = 0;
        for (int s = 0; s < steps.size(); s++) {
            long step = steps.get(s);
            assertThat((step - FROM.toEpochMilli()) % FRESHNESS.toMillis()).isZero();
            while (earlier < tastefulTimes.length && tastefulTimes[earlier] < step) {
                earlier++;
            }
            assertThat(tasteful.sentAtStep.get(s)).as("events sent by %s", Instant.ofEpochMilli(step))
                    .isEqualTo((long) earlier);
        }
        assertThat(tasteful.asksOlderThanTheLastStep).isZero();
        assertThat(tasteful.asks).extracting(ShopRecommendations.Ask::page)
                .contains(ShopRecommendations.Page.HOME, ShopRecommendations.Page.PRODUCT);
        assertThat(tasteful.asks).filteredOn(a -> a.page() == ShopRecommendations.Page.PRODUCT)
                .allSatisfy(a -> assertThat(a.contextProduct()).startsWith("p-"));
    }

    @Test
    void aPlacementThatShowsNothingLeavesTheShopAsItWas() {
        ShopSpec small = new ShopSpec("tiny", 200, 300, 14, END, 99);
        List<ObjectNode> plain = new ArrayList<>();
        new ShopGenerator(small).events(plain::add);
        List<ObjectNode> exposed = new ArrayList<>();
        int[] asked = {0};
        new ShopGenerator(small).events(exposed::add, new ShopExposure(ask -> {
            asked[0]++;
            return null;
        }, END.minus(Duration.ofDays(7)), FRESHNESS));

        assertThat(asked[0]).isPositive();
        assertThat(exposed).isEqualTo(plain);
    }

    @Test
    void theSameSeedAndTheSameAnswersGiveTheSameShop() {
        ShopSpec small = new ShopSpec("tiny", 200, 300, 14, END, 99);
        List<String> first = playWithFirstProducts(small);

        assertThat(playWithFirstProducts(small)).isEqualTo(first);
        assertThat(first).anyMatch(event -> event.contains("\"recId\":\"rec-") && event.contains("\"click\""));
        assertThat(playWithFirstProducts(small.withSeed(100))).isNotEqualTo(first);
    }

    /** The events of a shop whose placements always show its first products, the page's own left out. */
    private static List<String> playWithFirstProducts(ShopSpec spec) {
        List<String> events = new ArrayList<>();
        List<String> first = List.of("p-000001", "p-000002", "p-000003", "p-000004", "p-000005", "p-000006",
                "p-000007");
        int[] answers = {0};
        new ShopGenerator(spec).events(event -> events.add(event.toString()), new ShopExposure(ask -> {
            List<String> shown = first.stream().filter(id -> !id.equals(ask.contextProduct())).limit(6).toList();
            return new ShopRecommendations.Shown("rec-" + answers[0]++, shown);
        }, END.minus(Duration.ofDays(7)), FRESHNESS));
        return events;
    }

    @Test
    void placementsThatShowWhatShoppersLikeEarnClearlyMoreThanRandomOnes() {
        Placements random = new RandomProducts();
        List<ObjectNode> randomEvents = random.play(new ShopGenerator(SPEC));
        Earnings good = Earnings.of(tastefulEvents);
        Earnings poor = Earnings.of(randomEvents);

        assertThat(poor.impressedItems).as("both are seen about as often")
                .isCloseTo(good.impressedItems, within(good.impressedItems / 5));
        assertThat(poor.clicks).as("random products still earn some clicks").isPositive();
        assertThat(good.ctr()).as("click-through of tasteful %s against random placements %s", good, poor)
                .isGreaterThan(2 * poor.ctr());
        assertThat(good.addToCarts).as("add-to-carts after a click").isGreaterThan(3 * poor.addToCarts);
        assertThat(good.revenue).as("revenue after a click, within a day").isGreaterThan(3 * poor.revenue);
        assertThat(good.ctr()).as("plausible for a carousel item").isBetween(0.01, 0.1);
        assertThat(poor.ctr()).isBetween(0.002, 0.03);
    }

    /** A placement stand-in that records its answers and when the generator said events were sent. */
    private abstract static class Placements implements ShopRecommendations {
        final Map<String, List<String>> answers = new HashMap<>();
        final List<Ask> asks = new ArrayList<>();
        final List<Long> sentBefore = new ArrayList<>();
        final List<Long> sentAtStep = new ArrayList<>();
        long asksOlderThanTheLastStep;
        private long sent;

        abstract List<String> choose(Ask ask);

        @Override
        public Shown show(Ask ask) {
            asks.add(ask);
            if (!sentBefore.isEmpty() && ask.time() < sentBefore.get(sentBefore.size() - 1)) {
                asksOlderThanTheLastStep++;
            }
            String recId = "rec-" + answers.size();
            List<String> shown = choose(ask);
            answers.put(recId, shown);
            return new Shown(recId, shown);
        }

        @Override
        public void eventsSentBefore(long time) {
            sentBefore.add(time);
            sentAtStep.add(sent);
        }

        List<ObjectNode> play(ShopGenerator generator) {
            List<ObjectNode> events = new ArrayList<>();
            generator.events(event -> {
                sent++;
                events.add(event);
            }, new ShopExposure(this, FROM, FRESHNESS));
            return events;
        }

        /** Products that exist at the time asked, the ones shown on the page's own product left out. */
        static boolean offerable(ObjectNode product, Ask ask) {
            return Instant.parse(product.get("created").asText()).toEpochMilli() <= ask.time()
                    && product.get("available").asBoolean() && !product.get("id").asText().equals(ask.contextProduct());
        }
    }

    /**
     * Shows each shopper 8 of the 40 products that best match the tastes the generator gave
     * them, drawn afresh on each page as a recommender varies what it shows.
     */
    private static final class ShoppersTastes extends Placements {
        private final Map<String, Shopper> byId = new HashMap<>();
        private final Map<Shopper, List<ObjectNode>> ranked = new HashMap<>();
        private final SplittableRandom random = new SplittableRandom(13);

        ShoppersTastes() {
            for (Shopper shopper : shoppers) {
                shopper.anonymousIds().forEach(id -> byId.put(id, shopper));
                if (shopper.userId() != null) {
                    byId.put(shopper.userId(), shopper);
                }
            }
        }

        @Override
        List<String> choose(Ask ask) {
            Shopper shopper = byId.get(ask.userId() != null ? ask.userId() : ask.anonymousId());
            List<ObjectNode> best = new ArrayList<>(ranked.computeIfAbsent(shopper, s -> products.stream()
                    .sorted(Comparator.comparingDouble((ObjectNode p) -> -match(s, p)))
                    .limit(40).toList()));
            best.removeIf(p -> !offerable(p, ask));
            List<String> shown = new ArrayList<>();
            while (shown.size() < 8 && !best.isEmpty()) {
                shown.add(best.remove(random.nextInt(best.size())).get("id").asText());
            }
            return shown;
        }

        private static double match(Shopper shopper, ObjectNode product) {
            int brand = shopper.preferredBrands().indexOf(product.get("brand").asText());
            double match = brand == 0 ? 3 : brand > 0 ? 2 : 0;
            match += shopper.preferredColours().contains(product.path("color").asText()) ? 1 : 0;
            match += shopper.favouriteCategories().contains(product.get("category").asText()) ? 2 : 0;
            return match;
        }
    }

    /** Shows products drawn at random from the catalog, with no idea who is looking. */
    private static final class RandomProducts extends Placements {
        private final SplittableRandom random = new SplittableRandom(11);

        @Override
        List<String> choose(Ask ask) {
            Set<String> shown = new LinkedHashSet<>();
            while (shown.size() < 8) {
                ObjectNode product = products.get(random.nextInt(products.size()));
                if (offerable(product, ask)) {
                    shown.add(product.get("id").asText());
                }
            }
            return List.copyOf(shown);
        }
    }

    /**
     * What placements earned, counted as attribution counts it: the products impressed, the
     * clicks carrying a recId, and add-to-carts and purchases of a clicked product by the same
     * device or account within a day of the click.
     */
    private record Earnings(long impressedItems, long clicks, long addToCarts, double revenue) {
        static Earnings of(List<ObjectNode> events) {
            long impressed = 0;
            long clicks = 0;
            long carts = 0;
            double revenue = 0;
            Map<String, Long> clickedAt = new HashMap<>();
            for (ObjectNode event : events) {
                String type = event.get("type").asText();
                long time = time(event);
                List<String> ids = new ArrayList<>(List.of(event.get("anonymousId").asText()));
                if (event.has("userId")) {
                    ids.add(event.get("userId").asText());
                }
                if (type.equals("impression")) {
                    impressed += event.get("itemIds").size();
                } else if (type.equals("click") && event.path("context").has("recId")) {
                    clicks++;
                    for (String id : ids) {
                        clickedAt.put(id + ' ' + event.get("itemId").asText(), time);
                    }
                } else if (type.equals("add_to_cart")) {
                    carts += clickedWithinADay(clickedAt, ids, event.get("itemId").asText(), time) ? 1 : 0;
                } else if (type.equals("purchase")) {
                    for (JsonNode line : event.path("properties").path("items")) {
                        if (clickedWithinADay(clickedAt, ids, line.get("id").asText(), time)) {
                            revenue += line.get("price").asDouble() * line.get("quantity").asInt();
                        }
                    }
                }
            }
            return new Earnings(impressed, clicks, carts, revenue);
        }

        double ctr() {
            return clicks / (double) impressedItems;
        }

        private static boolean clickedWithinADay(Map<String, Long> clickedAt, List<String> ids, String product,
                                                 long time) {
            return ids.stream().map(id -> clickedAt.get(id + ' ' + product))
                    .anyMatch(at -> at != null && time - at <= DAY);
        }
    }

    private static long time(JsonNode event) {
        return Instant.parse(event.get("timestamp").asText()).toEpochMilli();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
