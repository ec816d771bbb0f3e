package org.attune.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogDefinitionReader;
import org.attune.core.catalog.ProductValidator;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopGeneratorTest {
    private static final Instant END = Instant.parse("2026-03-02T00:00:00Z");
    private static final long DAY = 86_400_000L;
    /** Big enough for every behaviour to show, small enough to run in about a second. */
    private static final ShopSpec SPEC = new ShopSpec("test-shop", 1_000, 2_000, 28, END, 7);

    private static ShopGenerator generator;
    private static List<ObjectNode> products;
    private static Map<String, ObjectNode> productsById;
    private static List<ObjectNode> events;
    /** Event times in epoch milliseconds, parsed once. */
    private static long[] times;

    @BeforeAll
    static void generate() {
        generator = new ShopGenerator(SPEC);
        products = generator.products();
        productsById = new HashMap<>();
        products.forEach(p -> productsById.put(p.get("id").asText(), p));
        events = new ArrayList<>();
        generator.events(events::add);
        times = events.stream().mapToLong(e -> Instant.parse(e.get("timestamp").asText()).toEpochMilli()).toArray();
    }

    @Test
    void theSameSeedGivesTheSameShopAndAnotherSeedADifferentOne() {
        ShopSpec small = new ShopSpec("tiny", 200, 300, 14, END, 99);
        List<String> first = render(new ShopGenerator(small));
        ShopGenerator again = new ShopGenerator(small);

        assertThat(render(again)).isEqualTo(first);
        assertThat(render(again)).as("replaying the same instance").isEqualTo(first);
        assertThat(again.products()).isEqualTo(new ShopGenerator(small).products());
        assertThat(render(new ShopGenerator(small.withSeed(100)))).isNotEqualTo(first);
    }

    @Test
    void theCatalogDefinitionIsAcceptedAndEveryProductFitsItsSchema() {
        Catalog catalog = new CatalogDefinitionReader().read(generator.catalogDefinition(), END);
        ProductValidator validator = new ProductValidator(catalog.schema());

        assertThat(catalog.id()).isEqualTo("test-shop");
        assertThat(products).hasSize(1_000);
        for (ObjectNode product : products) {
            ProductValidator.Outcome outcome = validator.validate(product, END);
            assertThat(outcome.problems()).as(product.toString()).isEmpty();
            assertThat(product.get("price").decimalValue().scale()).isEqualTo(2);
            assertThat(product.get("price").decimalValue()).isPositive();
            String category = product.get("category").asText();
            assertThat(category.split(" > ")).hasSize(3);
            assertThat(product.get("categories").get(0).asText()).isEqualTo(category.split(" > ")[0]);
            assertThat(category).startsWith(product.get("categories").get(1).asText() + " > ");
            assertThat(Instant.parse(product.get("created").asText())).isBetween(END.minusSeconds(366 * 86_400L), END);
        }
        assertThat(productsById).hasSize(products.size());
        long unavailable = products.stream().filter(p -> !p.get("available").asBoolean()).count();
        assertThat(unavailable).isBetween(10L, 60L);
    }

    @Test
    void theJsonSurvivesTheWireUnchanged() throws Exception {
        for (ObjectNode node : List.of(products.get(0), products.get(1), events.get(0), firstOfType("purchase"))) {
            String wire = Json.MAPPER.writeValueAsString(node);
            assertThat(Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(wire))).isEqualTo(wire);
        }
    }

    @Test
    void sizesAndColoursSuitTheCategory() {
        for (ObjectNode product : products) {
            String category = product.get("category").asText();
            if (category.startsWith("Women > Shoes")) {
                assertThat(Integer.parseInt(product.get("size").asText())).isBetween(36, 42);
            } else if (category.startsWith("Men > Clothing")) {
                assertThat(product.get("size").asText()).isIn("S", "M", "L", "XL", "XXL");
            } else if (category.startsWith("Home > Furniture")) {
                assertThat(product.has("size")).isFalse();
                assertThat(product.get("color").asText()).isIn(Palette.HOME.colours().toArray());
            } else if (category.startsWith("Beauty > Skincare")) {
                assertThat(product.has("size")).isFalse();
                assertThat(product.has("color")).isFalse();
            }
        }
    }

    @Test
    void eventsAreValidUniqueInTimeOrderAndInsideThePeriod() {
        EventValidator validator = new EventValidator(EventLimits.DEFAULTS, "test-shop"::equals);
        Set<String> eventIds = new HashSet<>();
        long start = SPEC.start().toEpochMilli();
        // Collected rather than asserted one by one: tens of thousands of events.
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i);
            EventValidator.Outcome outcome = validator.validate(event, END.toEpochMilli());
            if (!outcome.problems().isEmpty()) {
                violations.add(outcome.problems() + " in " + event);
            }
            if (!eventIds.add(event.get("eventId").asText())) {
                violations.add("repeated eventId in " + event);
            }
            if (times[i] < start || times[i] > END.toEpochMilli() || (i > 0 && times[i] < times[i - 1])) {
                violations.add("out of order or outside the period: " + event);
            }
            for (String itemId : itemIds(event)) {
                if (!productsById.containsKey(itemId)) {
                    violations.add("unknown item in " + event);
                }
            }
            String type = event.get("type").asText();
            boolean itemsAsExpected = switch (type) {
                case "view", "click", "add_to_cart", "remove_from_cart" -> event.has("itemId") && !event.has("itemIds");
                case "purchase" -> !event.has("itemId") && event.get("itemIds").size() > 0;
                case "search", "identify" -> itemIds(event).isEmpty();
                default -> false;
            };
            if (!itemsAsExpected || !event.path("context").path("page").asText().startsWith("/")) {
                violations.add("unexpected shape: " + event);
            }
        }
        assertThat(violations).isEmpty();
        assertThat(generator.eventCount()).isEqualTo(events.size());
        assertThat(generator.eventCountsByType().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(events.size());
    }

    @Test
    void viewsCarryTheProductPriceAndSearchesTheirQuery() {
        List<String> violations = new ArrayList<>();
        for (ObjectNode event : events) {
            boolean ok = switch (event.get("type").asText()) {
                case "view" -> event.at("/properties/price").decimalValue()
                        .compareTo(price(event.get("itemId").asText())) == 0;
                case "search" -> !event.at("/properties/query").asText().isBlank()
                        && event.at("/properties/results").isInt()
                        && event.at("/context/page").asText().startsWith("/search?q=");
                default -> true;
            };
            if (!ok) {
                violations.add(event.toString());
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void purchasesAddUpToTheirItemsAtCatalogPrices() {
        Set<String> orderIds = new HashSet<>();
        int purchases = 0;
        for (ObjectNode event : events) {
            if (!event.get("type").asText().equals("purchase")) {
                continue;
            }
            purchases++;
            JsonNode properties = event.get("properties");
            assertThat(orderIds.add(properties.get("orderId").asText())).isTrue();
            assertThat(properties.get("currency").asText()).isEqualTo("EUR");
            BigDecimal total = BigDecimal.ZERO;
            List<String> lineIds = new ArrayList<>();
            for (JsonNode item : properties.get("items")) {
                assertThat(item.get("price").decimalValue()).isEqualByComparingTo(price(item.get("id").asText()));
                assertThat(item.get("quantity").asInt()).isBetween(1, 5);
                BigDecimal quantity = BigDecimal.valueOf(item.get("quantity").asInt());
                total = total.add(item.get("price").decimalValue().multiply(quantity));
                lineIds.add(item.get("id").asText());
            }
            assertThat(properties.get("revenue").decimalValue()).isEqualByComparingTo(total);
            assertThat(itemIds(event)).containsExactlyElementsOf(lineIds);
        }
        assertThat(purchases).isPositive();
    }

    @Test
    void theFunnelNarrowsAtPlausibleRates() {
        Map<String, Long> counts = generator.eventCountsByType();
        long views = counts.get("view");
        long carts = counts.get("add_to_cart");
        long purchases = counts.get("purchase");
        assertThat(views).isGreaterThan(counts.get("click")).isGreaterThan(10 * carts);
        assertThat(carts).isGreaterThan(purchases);
        assertThat(purchases).isGreaterThan(counts.get("remove_from_cart") / 10);

        // Sessions as analytics tools count them: a visitor's events with gaps under 30 minutes.
        Map<String, Long> lastSeen = new HashMap<>();
        long sessions = 0;
        for (int i = 0; i < events.size(); i++) {
            Long last = lastSeen.put(events.get(i).get("anonymousId").asText(), times[i]);
            if (last == null || times[i] - last > 30 * 60_000L) {
                sessions++;
            }
        }
        assertThat(purchases / (double) sessions).as("conversion rate").isBetween(0.015, 0.06);
        assertThat(views / (double) sessions).as("product views per session").isBetween(2.5, 10.0);
    }

    @Test
    void shoppersBrowseTheirPreferredBrandsAndDepartments() {
        Map<String, Shopper> byAnonymousId = new HashMap<>();
        for (Shopper shopper : generator.shoppers()) {
            shopper.anonymousIds().forEach(id -> byAnonymousId.put(id, shopper));
        }
        Map<Shopper, List<ObjectNode>> viewsByShopper = new HashMap<>();
        Map<String, Integer> viewsByBrand = new HashMap<>();
        int allViews = 0;
        for (ObjectNode event : events) {
            if (event.get("type").asText().equals("view")) {
                viewsByShopper.computeIfAbsent(byAnonymousId.get(event.get("anonymousId").asText()),
                        s -> new ArrayList<>()).add(productsById.get(event.get("itemId").asText()));
                viewsByBrand.merge(productsById.get(event.get("itemId").asText()).get("brand").asText(), 1,
                        Integer::sum);
                allViews++;
            }
        }
        double liftSum = 0;
        double departmentShareSum = 0;
        int active = 0;
        for (Map.Entry<Shopper, List<ObjectNode>> entry : viewsByShopper.entrySet()) {
            Shopper shopper = entry.getKey();
            List<ObjectNode> viewed = entry.getValue();
            if (viewed.size() < 15 || shopper.preferredBrands().isEmpty()) {
                continue;
            }
            String topBrand = shopper.preferredBrands().get(0);
            double ownShare = viewed.stream().filter(p -> p.get("brand").asText().equals(topBrand)).count()
                    / (double) viewed.size();
            double overallShare = viewsByBrand.getOrDefault(topBrand, 0) / (double) allViews;
            liftSum += ownShare / overallShare;
            departmentShareSum += viewed.stream()
                    .filter(p -> shopper.favouriteDepartments().contains(p.get("categories").get(0).asText()))
                    .count() / (double) viewed.size();
            active++;
        }
        assertThat(active).isGreaterThan(100);
        assertThat(liftSum / active).as("how much more a shopper views their top brand than everyone does")
                .isGreaterThan(5);
        assertThat(departmentShareSum / active).as("share of views in favourite departments").isGreaterThan(0.7);
    }

    @Test
    void someVisitorsLogInAndTheirDevicesAreStitched() {
        Map<String, String> userOfDevice = new HashMap<>();
        Map<String, Set<String>> devicesOfUser = new HashMap<>();
        for (ObjectNode event : events) {
            String anonymousId = event.get("anonymousId").asText();
            String linked = userOfDevice.get(anonymousId);
            if (event.get("type").asText().equals("identify")) {
                String userId = event.get("userId").asText();
                assertThat(linked).as("one login per device").isNull();
                userOfDevice.put(anonymousId, userId);
                devicesOfUser.computeIfAbsent(userId, u -> new HashSet<>()).add(anonymousId);
            } else {
                // Before the login a device is anonymous; after it, it stays logged in.
                assertThat(event.has("userId") ? event.get("userId").asText() : null).isEqualTo(linked);
            }
        }
        int shoppers = SPEC.shoppers();
        assertThat(devicesOfUser.size() / (double) shoppers).as("share of shoppers who log in").isBetween(0.2, 0.4);
        assertThat(devicesOfUser.values().stream().filter(devices -> devices.size() == 2).count())
                .as("users seen on two devices").isGreaterThan(20);
        for (Shopper shopper : generator.shoppers()) {
            for (String anonymousId : shopper.anonymousIds()) {
                if (userOfDevice.containsKey(anonymousId)) {
                    assertThat(userOfDevice.get(anonymousId)).isEqualTo(shopper.userId());
                }
            }
        }
    }

    @Test
    void popularityIsLongTailedAndTrendingProductsRiseInTheLastWeek() {
        Map<String, Integer> views = new HashMap<>();
        Map<String, Integer> lastWeek = new HashMap<>();
        Map<String, Integer> weekBefore = new HashMap<>();
        long end = END.toEpochMilli();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i);
            if (event.get("type").asText().equals("view")) {
                String item = event.get("itemId").asText();
                views.merge(item, 1, Integer::sum);
                if (times[i] >= end - 7 * DAY) {
                    lastWeek.merge(item, 1, Integer::sum);
                } else if (times[i] >= end - 14 * DAY) {
                    weekBefore.merge(item, 1, Integer::sum);
                }
            }
        }
        List<Integer> counts = views.values().stream().sorted((a, b) -> b - a).toList();
        long total = counts.stream().mapToLong(Integer::longValue).sum();
        long topTwentieth = counts.stream().limit(products.size() / 20).mapToLong(Integer::longValue).sum();
        assertThat(topTwentieth / (double) total).as("views of the top 5% of products").isBetween(0.15, 0.6);

        long risers = lastWeek.entrySet().stream()
                .filter(e -> e.getValue() >= 30)
                .filter(e -> e.getValue() >= 4 * (weekBefore.getOrDefault(e.getKey(), 0) + 1))
                .count();
        assertThat(risers).as("products with four times the views of the week before").isGreaterThanOrEqualTo(2);
    }

    @Test
    void trafficPeaksInTheEveningAndIsQuietAtNight() {
        long[] byHour = new long[24];
        for (long time : times) {
            byHour[Instant.ofEpochMilli(time).atZone(ZoneOffset.ofHours(1)).getHour()]++;
        }
        long evening = byHour[19] + byHour[20] + byHour[21];
        long night = byHour[2] + byHour[3] + byHour[4];
        assertThat(evening).isGreaterThan(5 * night);
    }

    @Test
    void theSpecExplainsWhatIsWrong() {
        assertThatThrownBy(() -> new ShopSpec("Demo Shop", 200, 300, 14, END, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalogId");
        assertThatThrownBy(() -> new ShopSpec("demo", 5, 300, 14, END, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("products must be between 20");
        assertThatThrownBy(() -> new ShopSpec("demo", 200, 0, 14, END, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shoppers");
        assertThatThrownBy(() -> new ShopSpec("demo", 200, 300, 0, END, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("days");
        assertThatThrownBy(() -> new ShopSpec("demo", 200, 300, 14, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("end");

        ShopSpec demo = ShopSpec.demo();
        assertThat(demo.products()).isEqualTo(20_000);
        assertThat(demo.shoppers()).isEqualTo(50_000);
        assertThat(demo.days()).isEqualTo(56);
        assertThat(demo.start()).isEqualTo(demo.end().minusSeconds(56 * 86_400L));
    }

    @Test
    void aTinyShopStillWorks() {
        ShopGenerator tiny = new ShopGenerator(new ShopSpec("tiny", ShopSpec.MIN_PRODUCTS, 5, 1, END, 3));
        List<ObjectNode> tinyEvents = new ArrayList<>();
        tiny.events(tinyEvents::add);

        assertThat(tiny.products()).hasSize(ShopSpec.MIN_PRODUCTS);
        assertThat(tinyEvents).isNotEmpty();
        assertThat(tiny.shoppers()).hasSize(5).allSatisfy(s -> assertThat(s.sessions()).isPositive());
    }

    private static List<String> render(ShopGenerator generator) {
        List<String> rendered = new ArrayList<>();
        generator.events(event -> rendered.add(event.toString()));
        return rendered;
    }

    private static ObjectNode firstOfType(String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static BigDecimal price(String productId) {
        return productsById.get(productId).get("price").decimalValue();
    }

    private static List<String> itemIds(ObjectNode event) {
        List<String> ids = new ArrayList<>();
        if (event.has("itemId")) {
            ids.add(event.get("itemId").asText());
        }
        event.path("itemIds").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
