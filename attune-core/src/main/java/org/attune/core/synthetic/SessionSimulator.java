package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
 * them ({@link ProductAppeal}). Each viewed product may go into the cart; a cart may be
 * checked out now, later in the session, in a later session, or never. This class is
 * the shopper's side; what the pages list is {@link ShopPages}', what a search finds
 * {@link ShopSearch}', and the carts and logins that carry over are {@link ShopperState}.
 *
 * <p>With an exposure ({@link ShopExposure}), sessions that start once it has begun also see
 * the shop's recommendation placements: the home page's personal carousel and, on each product
 * page, a carousel of related products, whatever {@link ShopRecommendations} answers. A
 * placement comes into view on most such pages (an impression event of the products shown,
 * with the answer's recId); the shopper then looks along it and clicks a product with a chance
 * that grows with its appeal to them and falls with its position ({@link #clickChance}), and the
 * click (carrying the recId) leads to that product's page, where it may go into the cart as
 * any viewed product may. So a placement that shows what the shopper really likes earns more
 * clicks, carts and revenue than one that shows what others like. The exposure's draws come
 * from a random stream of their own, and impressions have ids of their own, so a session in
 * which no recommendation is clicked has exactly the events it has without exposure, plus its
 * impressions.
 *
 * <p>A shopper's sessions must be played in order, since their carts and logins carry
 * over from one to the next. Not thread-safe.
 */
final class SessionSimulator {
    static final long MAX_SESSION_MILLIS = 100 * 60_000L;
    private static final long SECOND = 1_000L;
    private static final long CART_EXPIRY_MILLIS = 10 * SyntheticCatalog.DAY_MILLIS;
    private static final int MAX_PAGES = 40;
    private static final List<String> SEARCH_ENGINE_REFERRERS = List.of("https://www.google.com/",
            "https://www.bing.com/", "https://duckduckgo.com/");
    private static final String SOCIAL_REFERRER = "https://www.instagram.com/";
    private static final String NEWSLETTER_REFERRER = "https://newsletter.demo.attune.local/";

    private final SyntheticCatalog catalog;
    private final ProductAppeal productAppeal;
    private final ShopSearch shopSearch;
    private final ShopPages pages;
    private final EventJson json;
    private final long seed;
    private final long end;
    private final ShopRecommendations recommendations;
    private final long exposedFrom;

    /** An event waiting for its id, time and visit to be rendered. */
    private interface EventBody {
        ObjectNode render(String eventId, long time, EventJson.Visit visit);
    }

    private enum Move { CATEGORY, BRAND, SEARCH, RESULTS, HOME, OUTSIDE_LINK, RELATED, CHECKOUT }

    private static final Move[] MOVES = Move.values();

    /** Without exposure: no page shows recommendations. */
    SessionSimulator(ShopSpec spec, SyntheticCatalog catalog, EventJson json) {
        this(spec, catalog, json, null);
    }

    /** With the placements of {@code exposure}, or none when it is null. */
    SessionSimulator(ShopSpec spec, SyntheticCatalog catalog, EventJson json, ShopExposure exposure) {
        this.catalog = catalog;
        this.productAppeal = new ProductAppeal(catalog);
        this.shopSearch = new ShopSearch(catalog);
        this.pages = new ShopPages(catalog, spec.end().toEpochMilli());
        this.json = json;
        this.seed = spec.seed();
        this.end = spec.end().toEpochMilli();
        this.recommendations = exposure == null ? null : exposure.recommendations();
        this.exposedFrom = exposure == null ? Long.MAX_VALUE : exposure.from().toEpochMilli();
    }

    /**
     * The chance that a shopper who looks along a carousel clicks the product at 1-based
     * {@code position}, given its {@link ProductAppeal#appeal appeal} to them: it saturates
     * with appeal (about 2% for a product of ordinary appeal at the first position, 15% for
     * one of their favourite brand, colour and category) and falls with position like the
     * discount of DCG, as attention does along a row.
     */
    static double clickChance(double appeal, int position) {
        return 0.2 * appeal / (appeal + 8) / (StrictMath.log(position + 1) / StrictMath.log(2));
    }

    /**
     * Plays session {@code session} of a shopper, passing each event (as a draft that
     * renders it) with its time to {@code sink} in time order. Events after the period's
     * end are not produced.
     */
    void play(ShopperPersona shopper, ShopperState state, int session, ObjLongConsumer<Supplier<ObjectNode>> sink) {
        new Session(shopper, state, session, sink).play();
    }

    /**
     * The first results a search listed, most popular first, kept so the shopper can go
     * back to them.
     */
    private record SearchResults(String page, int[] listed, CumulativeWeights popularity) {
    }

    /** A product clicked in a recommendation placement, its 1-based position, and the answer that showed it. */
    private record Recommended(int product, int position, String recId, String page, String list) {
    }

    /** One session in play: its clock, its random stream and where the shopper is. */
    private final class Session {
        private final ShopperPersona shopper;
        private final ShopperState state;
        private final int session;
        private final ObjLongConsumer<Supplier<ObjectNode>> sink;
        private final SplittableRandom random;
        /** The exposure's draws, apart from {@link #random} so that unclicked placements change nothing else; null when not exposed. */
        private final SplittableRandom exposureRandom;
        private final long deadline;
        private final ProductIndexList seen = new ProductIndexList();
        private EventJson.Visit visit;
        private long now;
        private int sequence;
        private int impressions;
        private int current = -1;
        private SearchResults lastSearch;
        private ShopperState.Cart cart;
        private boolean over;

        Session(ShopperPersona shopper, ShopperState state, int session, ObjLongConsumer<Supplier<ObjectNode>> sink) {
            this.shopper = shopper;
            this.state = state;
            this.session = session;
            this.sink = sink;
            this.random = new SplittableRandom(Seeds.of(seed, 3, shopper.index(), session));
            this.now = shopper.sessionStarts()[session];
            this.deadline = Math.min(end, now + MAX_SESSION_MILLIS);
            this.exposureRandom = now >= exposedFrom
                    ? new SplittableRandom(Seeds.of(seed, 4, shopper.index(), session)) : null;
        }

        void play() {
            int slot = shopper.devices().size() > 1 && Draws.chance(random, 0.4) ? 1 : 0;
            ShopperDevice device = shopper.devices().get(slot);
            if (shopper.userId() != null && session >= shopper.loginSession() && !state.loggedIn(slot)) {
                visit = new EventJson.Visit(device, shopper.userId());
                if (!emit((id, at, who) -> json.identify(id, at, who))) {
                    return;
                }
                state.logIn(slot);
                advance(10, 40);
            }
            visit = new EventJson.Visit(device, state.loggedIn(slot) ? shopper.userId() : null);
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
            Recommended followed = null;
            for (int page = 0; page < MAX_PAGES && !over; page++) {
                boolean viewed = followed != null ? follow(followed) : switch (move) {
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
                // A product page's carousel of related products; clicking one of them is the next page.
                followed = viewed && !over ? recommendationClicked(ShopRecommendations.Page.PRODUCT,
                        catalog.productPage(catalog.product(current)), "also_bought") : null;
                if (over) {
                    return;
                }
                if (followed != null) {
                    continue;
                }
                // The first page decides most bounces.
                double exit = page == 0 ? Math.min(0.7, shopper.exitRate() * 1.6) : shopper.exitRate();
                if (Draws.chance(random, exit)) {
                    return;
                }
                move = next();
            }
        }

        private boolean browseCategory() {
            int chosen = choose(pages.category(shopper, random, now));
            return chosen >= 0 && view(chosen, null);
        }

        private boolean browseBrand() {
            int chosen = choose(pages.brand(shopper, random));
            return chosen >= 0 && view(chosen, null);
        }

        private boolean browseHome() {
            Recommended recommended = recommendationClicked(ShopRecommendations.Page.HOME, "/", "recommended");
            if (recommended != null) {
                return follow(recommended);
            }
            if (over) {
                return false;
            }
            ProductIndexList candidates = pages.home(random, now);
            int chosen = choose(candidates);
            if (chosen < 0) {
                return false;
            }
            return clickAndView(chosen, "/", "home", candidates.indexOf(chosen) + 1, null);
        }

        /** A product page reached from outside: a search engine, a social post, the newsletter. */
        private boolean followOutsideLink() {
            double draw = random.nextDouble();
            int[] trending = catalog.trending();
            if (draw < 0.2 && trending.length > 0 && Draws.chance(random, pages.trendStrength(now) * 0.8)) {
                return view(trending[random.nextInt(trending.length)], SOCIAL_REFERRER);
            }
            String referrer = draw < 0.6 ? SEARCH_ENGINE_REFERRERS.get(random.nextInt(SEARCH_ENGINE_REFERRERS.size()))
                    : draw < 0.8 ? SOCIAL_REFERRER : NEWSLETTER_REFERRER;
            int chosen = choose(pages.fromLeaf(pages.favouriteOrAnyLeaf(shopper, random), 4, random));
            return chosen >= 0 && view(chosen, referrer);
        }

        /** The "you may also like" carousel of a product page: same category and price range, or same brand. */
        private boolean followRelated() {
            if (current < 0) {
                return browseCategory();
            }
            ProductIndexList candidates = pages.related(current, random);
            int chosen = choose(candidates);
            if (chosen < 0) {
                return false;
            }
            return clickAndView(chosen, catalog.productPage(catalog.product(current)), "related",
                    candidates.indexOf(chosen) + 1, null);
        }

        /**
         * A query made of the words a shopper would type: a category, often with a colour
         * or a brand they like. Results are the products that match every word.
         */
        private boolean search() {
            ShopSearch.Query query = shopSearch.compose(shopper, pages.favouriteOrAnyLeaf(shopper, random), random);
            ShopSearch.Results found = shopSearch.results(query, now);
            String page = query.page();
            String referrer = seen.isEmpty() && sequence <= 1 && Draws.chance(random, 0.2)
                    ? SEARCH_ENGINE_REFERRERS.get(0) : null;
            advance(2, 10);
            if (!emit((id, at, who) -> json.search(id, at, who, query.text(), found.count(), page, referrer))) {
                return false;
            }
            if (found.shown().isEmpty()) {
                lastSearch = null;
                return false;
            }
            int[] listed = found.shown().toArray();
            lastSearch = new SearchResults(page, listed, pages.popularityOf(listed));
            return backToResults();
        }

        /** Clicks one of the last search's first results, which the shop lists most popular first. */
        private boolean backToResults() {
            if (lastSearch == null) {
                return browseCategory();
            }
            ProductIndexList candidates = new ProductIndexList();
            for (int c = 0; c < ShopPages.LISTING_CANDIDATES; c++) {
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
            return clickAndView(chosen, lastSearch.page(), "search", position, null);
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
            if (inCart || !Draws.chance(random, productAppeal.cartChance(shopper, viewed))) {
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

        /**
         * A page with a recommendation placement on it, when this session is exposed: asks what
         * it shows; the placement comes into view (an impression) on most pages, and the shopper
         * looks along it and may click one product.
         *
         * @return the product clicked, or null when none was (or nothing was shown)
         */
        private Recommended recommendationClicked(ShopRecommendations.Page kind, String page, String list) {
            if (exposureRandom == null || now > deadline) {
                // Past the deadline nothing more is emitted, so nothing is shown either.
                return null;
            }
            String contextProduct = kind == ShopRecommendations.Page.PRODUCT ? catalog.product(current).id() : null;
            ShopRecommendations.Shown shown = recommendations.show(new ShopRecommendations.Ask(kind,
                    visit.device().anonymousId(), visit.userId(), contextProduct, now));
            // Below the fold on a product page more often than on the home page.
            double inView = kind == ShopRecommendations.Page.HOME ? 0.9 : 0.7;
            if (shown == null || shown.productIds().isEmpty() || !Draws.chance(exposureRandom, inView)) {
                return null;
            }
            String recId = shown.recId();
            List<String> productIds = shown.productIds();
            String impressionId = "i-" + shopper.index() + "-" + session + "-" + impressions++;
            long at = now;
            EventJson.Visit who = visit;
            sink.accept(() -> json.impression(impressionId, at, who, productIds, page, list, recId), at);
            for (int p = 0; p < productIds.size(); p++) {
                int product = catalog.indexOf(productIds.get(p));
                if (product < 0 || product == current) {
                    continue;
                }
                double appeal = productAppeal.appeal(shopper, catalog.product(product), now);
                if (seen.contains(product)) {
                    appeal *= 0.3;
                }
                if (Draws.chance(exposureRandom, clickChance(appeal, p + 1))) {
                    return new Recommended(product, p + 1, recId, page, list);
                }
            }
            return null;
        }

        private boolean follow(Recommended recommended) {
            return clickAndView(recommended.product(), recommended.page(), recommended.list(), recommended.position(),
                    recommended.recId());
        }

        private boolean clickAndView(int product, String page, String list, int position, String recId) {
            advance(2, 8);
            if (!emit((id, at, who) -> json.click(id, at, who, catalog.product(product), page, list, position,
                    recId))) {
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
                double weight = productAppeal.appeal(shopper, catalog.product(product), now);
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
