package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * Plays one shopping session as a walk through the shop. The shopper lands somewhere
 * (a category page, the home page, a search, a brand page, or a product page from an
 * outside link), then moves from page to page until they leave: to related products
 * (same category and similar price, or same brand), back to a category listing, to
 * another search result, to a new search. On every page they see a handful of
 * candidates ranked by popularity and pick one in proportion to how much it appeals to
 * them ({@link #appeal}). Each viewed product may go into the cart; a cart may be
 * checked out now, later in the session, in a later session, or never.
 *
 * <p>A shopper's sessions must be played in order, since their carts and logins carry
 * over from one to the next. Not thread-safe.
 */
final class SessionSimulator {
    static final long MAX_SESSION_MILLIS = 100 * 60_000L;
    private static final long SECOND = 1_000L;
    private static final long CART_EXPIRY_MILLIS = 10 * SyntheticCatalog.DAY_MILLIS;
    private static final long TREND_MILLIS = 7 * SyntheticCatalog.DAY_MILLIS;
    private static final int MAX_PAGES = 40;
    private static final int LISTING_CANDIDATES = 8;
    private static final int PRICE_NEIGHBOURHOOD = 6;
    /** Shoppers rarely look past the first pages of search results. */
    private static final int SHOWN_RESULTS = 48;
    private static final List<String> SEARCH_ENGINE_REFERRERS = List.of("https://www.google.com/",
            "https://www.bing.com/", "https://duckduckgo.com/");
    private static final String SOCIAL_REFERRER = "https://www.instagram.com/";
    private static final String NEWSLETTER_REFERRER = "https://newsletter.demo.attune.local/";

    private final SyntheticCatalog catalog;
    private final EventJson json;
    private final long seed;
    private final long end;

    /** What a shopper carries from one session to the next: carts and logins. */
    static final class ShopperState {
        private final Cart accountCart = new Cart();
        private final Cart[] deviceCarts;
        private final boolean[] loggedIn;

        ShopperState(ShopperPersona shopper) {
            int devices = shopper.devices().size();
            loggedIn = new boolean[devices];
            deviceCarts = new Cart[devices];
            for (int slot = 0; slot < devices; slot++) {
                deviceCarts[slot] = new Cart();
            }
        }

        /** A device keeps its own cart until the shopper logs in there; then the account's cart is shared. */
        private Cart cart(int slot) {
            return loggedIn[slot] ? accountCart : deviceCarts[slot];
        }

        /** At login the device's cart joins the account's, as shops merge carts. */
        private void logIn(int slot) {
            Cart device = deviceCarts[slot];
            for (CartLine line : device.lines) {
                if (accountCart.lines.stream().noneMatch(l -> l.product() == line.product())) {
                    accountCart.lines.add(line);
                }
            }
            accountCart.touched = Math.max(accountCart.touched, device.touched);
            device.lines.clear();
            loggedIn[slot] = true;
        }
    }

    /** The products a shopper means to buy, and when they last changed it. */
    private static final class Cart {
        private final List<CartLine> lines = new ArrayList<>();
        private long touched;
    }

    /** An event waiting for its id, time and visit to be rendered. */
    private interface EventBody {
        ObjectNode render(String eventId, long time, EventJson.Visit visit);
    }

    private enum Move { CATEGORY, BRAND, SEARCH, RESULTS, HOME, OUTSIDE_LINK, RELATED, CHECKOUT }

    private static final Move[] MOVES = Move.values();

    SessionSimulator(ShopSpec spec, SyntheticCatalog catalog, EventJson json) {
        this.catalog = catalog;
        this.json = json;
        this.seed = spec.seed();
        this.end = spec.end().toEpochMilli();
    }

    /**
     * Plays session {@code session} of a shopper, passing each event (as a draft that
     * renders it) with its time to {@code sink} in time order. Events after the period's
     * end are not produced.
     */
    void play(ShopperPersona shopper, ShopperState state, int session, ObjLongConsumer<Supplier<ObjectNode>> sink) {
        new Session(shopper, state, session, sink).play();
    }

    /** How strongly a shopper at a given moment is drawn to a product they see listed. */
    double appeal(ShopperPersona shopper, SyntheticProduct product, long now) {
        if (product.createdMillis() > now) {
            return 0;
        }
        double appeal = 1;
        int brandRank = shopper.brandRank(product.brand());
        if (brandRank == 0) {
            appeal *= 6;
        } else if (brandRank > 0) {
            appeal *= 3.5;
        }
        if (shopper.likesColour(product.colour())) {
            appeal *= 2.2;
        }
        CategoryLeaf leaf = catalog.leafOf(product);
        if (shopper.likesLeaf(leaf.index())) {
            appeal *= 2;
        } else if (shopper.likesDepartment(leaf.department())) {
            appeal *= 1.3;
        }
        appeal *= catalog.priceFit(product.index(), shopper.priceSensitivityLevel());
        if (leaf.sizes().personal()) {
            int distance = Math.abs(product.sizeIndex() - leaf.sizes().fittingIndex(shopper.fitQuantile()));
            appeal *= distance == 0 ? 1.6 : distance == 1 ? 1.0 : 0.4;
        }
        if (!product.available()) {
            appeal *= 0.4;
        }
        return appeal;
    }

    /** Chance that a viewed product goes into the cart. */
    private double cartChance(ShopperPersona shopper, SyntheticProduct product) {
        if (!product.available()) {
            return 0;
        }
        CategoryLeaf leaf = catalog.leafOf(product);
        double match = 1;
        int brandRank = shopper.brandRank(product.brand());
        match *= brandRank == 0 ? 2.2 : brandRank > 0 ? 1.7 : 1;
        match *= product.colour() == null ? 1 : shopper.likesColour(product.colour()) ? 1.5 : 0.8;
        match *= shopper.likesLeaf(leaf.index()) ? 1.3 : 0.7;
        match *= catalog.priceFit(product.index(), shopper.priceSensitivityLevel());
        if (leaf.sizes().personal()) {
            int distance = Math.abs(product.sizeIndex() - leaf.sizes().fittingIndex(shopper.fitQuantile()));
            match *= distance == 0 ? 1.4 : distance == 1 ? 0.4 : 0.05;
        }
        return Math.min(0.6, 0.014 * shopper.buyingPropensity() * match);
    }

    /** 0 before the last week, rising to 1 at the end: how hard the trending products pull. */
    private double trendStrength(long now) {
        return Draws.clamp((now - (end - TREND_MILLIS)) / (double) TREND_MILLIS, 0, 1);
    }

    /**
     * The first results a search listed, most popular first, kept so the shopper can go
     * back to them.
     */
    private record SearchResults(String page, int[] listed, CumulativeWeights popularity) {
    }

    /** One session in play: its clock, its random stream and where the shopper is. */
    private final class Session {
        private final ShopperPersona shopper;
        private final ShopperState state;
        private final int session;
        private final ObjLongConsumer<Supplier<ObjectNode>> sink;
        private final SplittableRandom random;
        private final long deadline;
        private final ProductIndexList seen = new ProductIndexList();
        private EventJson.Visit visit;
        private long now;
        private int sequence;
        private int current = -1;
        private SearchResults lastSearch;
        private Cart cart;
        private boolean over;

        Session(ShopperPersona shopper, ShopperState state, int session, ObjLongConsumer<Supplier<ObjectNode>> sink) {
            this.shopper = shopper;
            this.state = state;
            this.session = session;
            this.sink = sink;
            this.random = new SplittableRandom(Seeds.of(seed, 3, shopper.index(), session));
            this.now = shopper.sessionStarts()[session];
            this.deadline = Math.min(end, now + MAX_SESSION_MILLIS);
        }

        void play() {
            int slot = shopper.devices().size() > 1 && Draws.chance(random, 0.4) ? 1 : 0;
            ShopperDevice device = shopper.devices().get(slot);
            if (shopper.userId() != null && session >= shopper.loginSession() && !state.loggedIn[slot]) {
                visit = new EventJson.Visit(device, shopper.userId());
                if (!emit((id, at, who) -> json.identify(id, at, who))) {
                    return;
                }
                state.logIn(slot);
                advance(10, 40);
            }
            visit = new EventJson.Visit(device, state.loggedIn[slot] ? shopper.userId() : null);
            cart = state.cart(slot);
            if (!cart.lines.isEmpty() && now - cart.touched > CART_EXPIRY_MILLIS) {
                cart.lines.clear();
            }
            if (!cart.lines.isEmpty() && Draws.chance(random, 0.3)) {
                returnToCart();
            } else {
                walk(landing());
            }
        }

        /** Someone coming back for the cart they left: a look at one item, then the checkout. */
        private void returnToCart() {
            CartLine line = cart.lines.get(random.nextInt(cart.lines.size()));
            String referrer = Draws.chance(random, 0.3) ? NEWSLETTER_REFERRER : null;
            if (view(line.product(), referrer)) {
                advance(20, 120);
                checkout(0.22);
            }
            if (!over) {
                walk(Draws.chance(random, 0.5) ? Move.RELATED : Move.CATEGORY);
            }
        }

        private Move landing() {
            double[] weights = new double[MOVES.length];
            weights[Move.CATEGORY.ordinal()] = 0.32;
            weights[Move.BRAND.ordinal()] = 0.10;
            weights[Move.SEARCH.ordinal()] = 0.16 * shopper.searchRate();
            weights[Move.HOME.ordinal()] = 0.17;
            weights[Move.OUTSIDE_LINK.ordinal()] = 0.25;
            return MOVES[Draws.index(random, weights)];
        }

        /** Where to go from a product page; the related-products carousel is the commonest way on. */
        private Move next() {
            double[] weights = new double[MOVES.length];
            weights[Move.CATEGORY.ordinal()] = 0.22;
            weights[Move.BRAND.ordinal()] = 0.07;
            weights[Move.SEARCH.ordinal()] = 0.08 * shopper.searchRate();
            weights[Move.RESULTS.ordinal()] = lastSearch == null ? 0 : 0.25;
            weights[Move.HOME.ordinal()] = 0.04;
            weights[Move.RELATED.ordinal()] = current < 0 ? 0 : 0.36;
            weights[Move.CHECKOUT.ordinal()] = cart.lines.isEmpty() ? 0 : 0.06;
            return MOVES[Draws.index(random, weights)];
        }

        private void walk(Move first) {
            Move move = first;
            for (int page = 0; page < MAX_PAGES && !over; page++) {
                boolean viewed = switch (move) {
                    case CATEGORY -> browseCategory();
                    case BRAND -> browseBrand();
                    case SEARCH -> search();
                    case RESULTS -> backToResults();
                    case HOME -> browseHome();
                    case OUTSIDE_LINK -> followOutsideLink();
                    case RELATED -> followRelated();
                    case CHECKOUT -> checkout(0.22);
                };
                if (over) {
                    return;
                }
                if (viewed) {
                    considerCart(current);
                }
                // The first page decides most bounces.
                double exit = page == 0 ? Math.min(0.7, shopper.exitRate() * 1.6) : shopper.exitRate();
                if (Draws.chance(random, exit)) {
                    return;
                }
                move = next();
            }
        }

        private int favouriteOrAnyLeaf() {
            if (shopper.leaves().length > 0 && !Draws.chance(random, 0.12)) {
                return shopper.leaves()[shopper.leafTaste().draw(random)];
            }
            return catalog.drawLeaf(random);
        }

        private boolean browseCategory() {
            int leaf = favouriteOrAnyLeaf();
            int[] listing = null;
            if (Draws.chance(random, shopper.filterRate())) {
                // A brand filter on the listing: the strongest preferred brand that sells here.
                for (int brand : shopper.brands()) {
                    int[] branded = catalog.leafBrandListing(leaf, brand);
                    if (branded.length > 0) {
                        listing = branded;
                        break;
                    }
                }
            }
            ProductIndexList candidates = new ProductIndexList();
            if (listing != null) {
                drawByPopularity(listing, LISTING_CANDIDATES, candidates);
            } else {
                for (int c = 0; c < LISTING_CANDIDATES; c++) {
                    candidates.add(catalog.drawFromLeaf(leaf, random));
                }
                int[] trending = catalog.trendingInLeaf(leaf);
                if (trending.length > 0 && Draws.chance(random, trendStrength(now))) {
                    candidates.add(trending[random.nextInt(trending.length)]);
                }
            }
            int chosen = choose(candidates);
            return chosen >= 0 && view(chosen, null);
        }

        private boolean browseBrand() {
            int brand;
            if (shopper.brands().length > 0 && !Draws.chance(random, 0.15)) {
                brand = shopper.brands()[Math.min(random.nextInt(shopper.brands().length),
                        random.nextInt(shopper.brands().length))];
            } else {
                brand = catalog.product(catalog.drawFromShop(random)).brand();
            }
            ProductIndexList candidates = new ProductIndexList();
            for (int c = 0; c < LISTING_CANDIDATES; c++) {
                candidates.add(catalog.drawFromBrand(brand, random));
            }
            int chosen = choose(candidates);
            return chosen >= 0 && view(chosen, null);
        }

        private boolean browseHome() {
            ProductIndexList candidates = new ProductIndexList();
            for (int c = 0; c < LISTING_CANDIDATES; c++) {
                candidates.add(catalog.drawFromShop(random));
            }
            int[] trending = catalog.trending();
            double trend = trendStrength(now);
            for (int c = 0; c < 3; c++) {
                if (trending.length > 0 && Draws.chance(random, trend)) {
                    candidates.add(trending[random.nextInt(trending.length)]);
                }
            }
            int chosen = choose(candidates);
            if (chosen < 0) {
                return false;
            }
            return clickAndView(chosen, "/", "home", candidates.indexOf(chosen) + 1);
        }

        /** A product page reached from outside: a search engine, a social post, the newsletter. */
        private boolean followOutsideLink() {
            double draw = random.nextDouble();
            int[] trending = catalog.trending();
            if (draw < 0.2 && trending.length > 0 && Draws.chance(random, trendStrength(now) * 0.8)) {
                return view(trending[random.nextInt(trending.length)], SOCIAL_REFERRER);
            }
            String referrer = draw < 0.6 ? SEARCH_ENGINE_REFERRERS.get(random.nextInt(SEARCH_ENGINE_REFERRERS.size()))
                    : draw < 0.8 ? SOCIAL_REFERRER : NEWSLETTER_REFERRER;
            int leaf = favouriteOrAnyLeaf();
            ProductIndexList candidates = new ProductIndexList();
            for (int c = 0; c < 4; c++) {
                candidates.add(catalog.drawFromLeaf(leaf, random));
            }
            int chosen = choose(candidates);
            return chosen >= 0 && view(chosen, referrer);
        }

        /** The "you may also like" carousel of a product page: same category and price range, or same brand. */
        private boolean followRelated() {
            if (current < 0) {
                return browseCategory();
            }
            SyntheticProduct from = catalog.product(current);
            ProductIndexList candidates = new ProductIndexList();
            double draw = random.nextDouble();
            if (draw < 0.6) {
                int[] listing = catalog.leafListing(from.leaf());
                int position = catalog.positionInLeaf(current);
                for (int p = Math.max(0, position - PRICE_NEIGHBOURHOOD);
                     p <= Math.min(listing.length - 1, position + PRICE_NEIGHBOURHOOD); p++) {
                    if (p != position) {
                        candidates.add(listing[p]);
                    }
                }
            } else if (draw < 0.85) {
                int[] sameBrandHere = catalog.leafBrandListing(from.leaf(), from.brand());
                if (sameBrandHere.length > 1) {
                    drawByPopularity(sameBrandHere, PRICE_NEIGHBOURHOOD, candidates);
                } else {
                    for (int c = 0; c < PRICE_NEIGHBOURHOOD; c++) {
                        candidates.add(catalog.drawFromBrand(from.brand(), random));
                    }
                }
            } else {
                List<Integer> siblings = catalog.tree().sections().get(catalog.leafOf(from).section()).leaves();
                int sibling = siblings.get(random.nextInt(siblings.size()));
                if (catalog.leafListing(sibling).length == 0) {
                    sibling = from.leaf();
                }
                for (int c = 0; c < PRICE_NEIGHBOURHOOD; c++) {
                    candidates.add(catalog.drawFromLeaf(sibling, random));
                }
            }
            candidates.removeEvery(current);
            int chosen = choose(candidates);
            if (chosen < 0) {
                return false;
            }
            return clickAndView(chosen, catalog.productPage(from), "related", candidates.indexOf(chosen) + 1);
        }

        /**
         * A query made of the words a shopper would type: a category, often with a colour
         * or a brand they like. Results are the products that match every word.
         */
        private boolean search() {
            int leafIndex = favouriteOrAnyLeaf();
            CategoryLeaf leaf = catalog.tree().leaves().get(leafIndex);
            int brand = -1;
            for (int preferred : shopper.brands()) {
                if (catalog.leafBrandListing(leafIndex, preferred).length > 0 && Draws.chance(random, 0.7)) {
                    brand = preferred;
                    break;
                }
            }
            if (brand < 0) {
                brand = catalog.product(catalog.drawFromLeaf(leafIndex, random)).brand();
            }
            String colour = null;
            if (leaf.palette() != Palette.NONE) {
                List<String> liked = shopper.colours().stream().filter(leaf.palette().colours()::contains).toList();
                colour = !liked.isEmpty() && Draws.chance(random, 0.75) ? liked.get(random.nextInt(liked.size()))
                        : leaf.palette().colours().get(leaf.palette().commonness().draw(random));
            }
            double form = random.nextDouble();
            boolean withColour = colour != null && (form < 0.25 || form >= 0.92);
            boolean withBrand = form >= 0.45;
            boolean withCategory = form < 0.82 || form >= 0.92;
            List<String> words = new ArrayList<>(3);
            if (withColour) {
                words.add(colour.toLowerCase(Locale.ROOT));
            }
            if (withBrand) {
                words.add(catalog.brands().get(brand).searchTerm());
            }
            if (withCategory) {
                words.add(leaf.searchTerm());
            }
            String query = String.join(" ", words);
            ProductIndexList shown = new ProductIndexList();
            int results;
            if (withCategory) {
                results = 0;
                for (int product : catalog.leafListingByPopularity(leafIndex)) {
                    SyntheticProduct candidate = catalog.product(product);
                    if ((!withColour || colour.equals(candidate.colour()))
                            && (!withBrand || candidate.brand() == brand)
                            && candidate.createdMillis() <= now) {
                        results++;
                        if (shown.size() < SHOWN_RESULTS) {
                            shown.add(product);
                        }
                    }
                }
            } else {
                // A brand name alone finds the whole brand; counted without a scan because big brands are big.
                results = catalog.brandProductsExisting(brand, now);
                for (int product : catalog.brandListingByPopularity(brand)) {
                    if (shown.size() == SHOWN_RESULTS) {
                        break;
                    }
                    if (catalog.product(product).createdMillis() <= now) {
                        shown.add(product);
                    }
                }
            }
            String page = "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            String referrer = seen.isEmpty() && sequence <= 1 && Draws.chance(random, 0.2)
                    ? SEARCH_ENGINE_REFERRERS.get(0) : null;
            advance(2, 10);
            int resultCount = results;
            if (!emit((id, at, who) -> json.search(id, at, who, query, resultCount, page, referrer))) {
                return false;
            }
            if (shown.isEmpty()) {
                lastSearch = null;
                return false;
            }
            int[] listed = shown.toArray();
            lastSearch = new SearchResults(page, listed, popularityOf(listed));
            return backToResults();
        }

        /** Clicks one of the last search's first results, which the shop lists most popular first. */
        private boolean backToResults() {
            if (lastSearch == null) {
                return browseCategory();
            }
            ProductIndexList candidates = new ProductIndexList();
            for (int c = 0; c < LISTING_CANDIDATES; c++) {
                candidates.add(lastSearch.listed()[lastSearch.popularity().draw(random)]);
            }
            int chosen = choose(candidates);
            if (chosen < 0) {
                return false;
            }
            int position = 1;
            while (lastSearch.listed()[position - 1] != chosen) {
                position++;
            }
            return clickAndView(chosen, lastSearch.page(), "search", position);
        }

        /**
         * The checkout page: maybe one item taken out, then the order placed with the given
         * base chance (scaled by the shopper's propensity) or the cart left for later.
         */
        private boolean checkout(double baseChance) {
            if (cart.lines.isEmpty()) {
                return false;
            }
            advance(15, 60);
            if (cart.lines.size() > 1 && Draws.chance(random, 0.12)) {
                CartLine dropped = cart.lines.get(random.nextInt(cart.lines.size()));
                if (!emit((id, at, who) -> json.removeFromCart(id, at, who, catalog.product(dropped.product()),
                        dropped.quantity()))) {
                    return false;
                }
                cart.lines.remove(dropped);
                advance(5, 30);
            }
            double chance = Draws.clamp(baseChance * StrictMath.sqrt(shopper.buyingPropensity()), 0.05, 0.95);
            if (Draws.chance(random, chance)) {
                advance(60, 300);
                String orderId = "o-" + shopper.index() + "-" + session;
                List<CartLine> basket = List.copyOf(cart.lines);
                if (emit((id, at, who) -> json.purchase(id, at, who, orderId, basket))) {
                    cart.lines.clear();
                    cart.touched = now;
                }
                over = true;
            }
            return false;
        }

        private void considerCart(int product) {
            SyntheticProduct viewed = catalog.product(product);
            boolean inCart = cart.lines.stream().anyMatch(line -> line.product() == product);
            if (inCart || !Draws.chance(random, cartChance(shopper, viewed))) {
                return;
            }
            int quantity = viewed.priceCents() < 3_000 && Draws.chance(random, 0.12) ? 2 : 1;
            advance(5, 40);
            if (!emit((id, at, who) -> json.addToCart(id, at, who, viewed, quantity))) {
                return;
            }
            cart.lines.add(new CartLine(product, quantity));
            cart.touched = now;
            // Comparing two of a kind: the older one sometimes goes back.
            for (CartLine line : List.copyOf(cart.lines)) {
                SyntheticProduct other = catalog.product(line.product());
                if (line.product() != product && other.leaf() == viewed.leaf() && Draws.chance(random, 0.3)) {
                    advance(5, 30);
                    if (emit((id, at, who) -> json.removeFromCart(id, at, who, other, line.quantity()))) {
                        cart.lines.remove(line);
                    }
                    break;
                }
            }
        }

        private boolean clickAndView(int product, String page, String list, int position) {
            advance(2, 8);
            if (!emit((id, at, who) -> json.click(id, at, who, catalog.product(product), page, list, position))) {
                return false;
            }
            now += 300 + random.nextInt(1_200);
            return view(product, null);
        }

        private boolean view(int product, String referrer) {
            if (!emit((id, at, who) -> json.view(id, at, who, catalog.product(product), referrer))) {
                return false;
            }
            current = product;
            seen.add(product);
            // Reading the page before the next move.
            now += (long) Draws.clamp(Draws.logNormal(random, 35 * SECOND, 0.8), 3 * SECOND, 600 * SECOND);
            return true;
        }

        /** Picks among listed products in proportion to appeal; -1 when none appeals (e.g. none existed yet). */
        private int choose(ProductIndexList candidates) {
            if (candidates.isEmpty()) {
                return -1;
            }
            double[] weights = new double[candidates.size()];
            for (int c = 0; c < weights.length; c++) {
                int product = candidates.get(c);
                double weight = appeal(shopper, catalog.product(product), now);
                if (product == current) {
                    weight = 0;
                } else if (seen.contains(product)) {
                    weight *= 0.3;
                }
                weights[c] = weight;
            }
            CumulativeWeights choice = new CumulativeWeights(weights);
            return choice.isEmpty() ? -1 : candidates.get(choice.draw(random));
        }

        private void drawByPopularity(int[] listing, int count, ProductIndexList into) {
            CumulativeWeights weights = popularityOf(listing);
            for (int c = 0; c < count; c++) {
                into.add(listing[weights.draw(random)]);
            }
        }

        private CumulativeWeights popularityOf(int[] listing) {
            double[] popularity = new double[listing.length];
            for (int p = 0; p < listing.length; p++) {
                popularity[p] = catalog.product(listing[p]).popularity();
            }
            return new CumulativeWeights(popularity);
        }

        private void advance(int minSeconds, int maxSeconds) {
            now += (minSeconds + random.nextInt(maxSeconds - minSeconds + 1)) * SECOND;
        }

        /**
         * Passes an event on, or ends the session when its time lies past the deadline.
         * The event is rendered only when released: until then only the draft's few
         * captured values sit in the buffer, which keeps a day of events small.
         */
        private boolean emit(EventBody body) {
            if (now > deadline) {
                over = true;
                return false;
            }
            String id = eventId();
            long at = now;
            EventJson.Visit who = visit;
            sink.accept(() -> body.render(id, at, who), at);
            return true;
        }

        private String eventId() {
            return "e-" + shopper.index() + "-" + session + "-" + sequence++;
        }
    }
}
