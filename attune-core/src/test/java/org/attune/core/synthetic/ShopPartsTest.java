package org.attune.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The parts a session is played with: the shop's pages and search, a shopper's response, their carts. */
class ShopPartsTest {
    private static final Instant END = Instant.parse("2026-03-02T00:00:00Z");
    private static final long DAY = SyntheticCatalog.DAY_MILLIS;
    private static final SyntheticCatalog CATALOG = new SyntheticCatalog(new ShopSpec("tiny", 300, 5, 14, END, 3));
    /** A product every test can talk about, and a shopper who likes its brand, category and colour. */
    private static final SyntheticProduct LIKED = CATALOG.products().stream()
            .filter(p -> p.colour() != null && p.available() && CATALOG.leafListing(p.leaf()).length > 3)
            .findFirst().orElseThrow();
    private static final ShopperPersona FAN = shopper(LIKED.brand(), LIKED.leaf(), LIKED.colour());

    @Test
    void aProductOfTheShoppersTopBrandAppealsMoreThanTheSameProductOfAnotherAndNothingAppealsBeforeItExists() {
        ProductAppeal appeal = new ProductAppeal(CATALOG);
        long now = END.toEpochMilli();
        SyntheticProduct otherBrand = withBrand(LIKED, LIKED.brand() + 1);

        assertThat(appeal.appeal(FAN, LIKED, now)).isGreaterThan(appeal.appeal(FAN, otherBrand, now));
        assertThat(appeal.cartChance(FAN, LIKED)).isGreaterThan(appeal.cartChance(FAN, otherBrand));
        assertThat(appeal.appeal(FAN, LIKED, LIKED.createdMillis() - 1)).isZero();
        assertThat(appeal.cartChance(FAN, outOfStock(LIKED))).isZero();
    }

    @Test
    void aSearchListsOnlyProductsMatchingEveryWordMostPopularFirst() {
        ShopSearch search = new ShopSearch(CATALOG);
        long now = END.toEpochMilli();
        ShopSearch.Query query = new ShopSearch.Query("whatever", LIKED.leaf(), LIKED.brand(), null, false, true,
                true);

        ShopSearch.Results found = search.results(query, now);

        int[] shown = found.shown().toArray();
        assertThat(shown).contains(LIKED.index());
        assertThat(found.count()).isEqualTo(shown.length);
        for (int product : shown) {
            assertThat(CATALOG.product(product).leaf()).isEqualTo(LIKED.leaf());
            assertThat(CATALOG.product(product).brand()).isEqualTo(LIKED.brand());
        }
        double[] popularity = Arrays.stream(shown).mapToDouble(p -> CATALOG.product(p).popularity()).toArray();
        assertThat(popularity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(search.results(query, LIKED.createdMillis() - 1).shown().contains(LIKED.index())).isFalse();
        assertThat(query.page()).isEqualTo("/search?q=whatever");
    }

    @Test
    void aComposedQueryNamesWhatItSearchesFor() {
        ShopSearch search = new ShopSearch(CATALOG);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            ShopSearch.Query query = search.compose(FAN, LIKED.leaf(), random);
            assertThat(query.withBrand() || query.withCategory()).as(query.text()).isTrue();
            if (query.withCategory()) {
                assertThat(query.text()).endsWith(CATALOG.tree().leaves().get(LIKED.leaf()).searchTerm());
            }
            if (query.withBrand()) {
                assertThat(query.text()).contains(CATALOG.brands().get(query.brand()).searchTerm());
            }
        }
    }

    @Test
    void theCarouselOfAProductPageNeverListsThatProductAndTrendingPullsOnlyInTheLastWeek() {
        ShopPages pages = new ShopPages(CATALOG, END.toEpochMilli());
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 50; i++) {
            assertThat(pages.related(LIKED.index(), random).contains(LIKED.index())).isFalse();
            assertThat(pages.brand(FAN, random).size()).isEqualTo(ShopPages.LISTING_CANDIDATES);
        }
        assertThat(pages.trendStrength(END.toEpochMilli() - 8 * DAY)).isZero();
        assertThat(pages.trendStrength(END.toEpochMilli() - 7 * DAY / 2)).isEqualTo(0.5);
        assertThat(pages.trendStrength(END.toEpochMilli())).isEqualTo(1);
    }

    @Test
    void atLoginTheDevicesCartJoinsTheAccountsWithoutListingAProductTwice() {
        ShopperState state = new ShopperState(FAN);
        state.cart(0).lines.add(new CartLine(1, 1));
        state.cart(1).lines.add(new CartLine(1, 2));
        state.cart(1).lines.add(new CartLine(2, 1));
        state.cart(1).touched = 5;

        state.logIn(0);
        state.logIn(1);

        assertThat(state.loggedIn(1)).isTrue();
        assertThat(state.cart(0)).isSameAs(state.cart(1));
        assertThat(state.cart(1).lines).containsExactly(new CartLine(1, 1), new CartLine(2, 1));
        assertThat(state.cart(1).touched).isEqualTo(5);
    }

    private static ShopperPersona shopper(int brand, int leaf, String colour) {
        int department = CATALOG.tree().leaves().get(leaf).department();
        List<ShopperDevice> devices = IntStream.range(0, 2)
                .mapToObj(d -> new ShopperDevice("anon-" + d, "desktop", "web")).toList();
        return new ShopperPersona(0, new int[] {department}, new int[] {leaf},
                new CumulativeWeights(new double[] {1}), new int[] {brand}, List.of(colour), 0, 0.5, 0.3, 1, 1, 0,
                devices, "user-0", 0, new long[] {END.toEpochMilli() - DAY});
    }

    private static SyntheticProduct withBrand(SyntheticProduct p, int brand) {
        return new SyntheticProduct(p.index(), p.id(), p.title(), brand, p.leaf(), p.colour(), p.size(),
                p.sizeIndex(), p.priceCents(), p.available(), p.createdMillis(), p.popularity(), p.tags(), p.rating());
    }

    private static SyntheticProduct outOfStock(SyntheticProduct p) {
        return new SyntheticProduct(p.index(), p.id(), p.title(), p.brand(), p.leaf(), p.colour(), p.size(),
                p.sizeIndex(), p.priceCents(), false, p.createdMillis(), p.popularity(), p.tags(), p.rating());
    }
}
