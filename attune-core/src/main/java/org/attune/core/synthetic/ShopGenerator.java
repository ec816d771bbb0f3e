package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generates a realistic synthetic shop: a catalog definition, its products, and weeks of
 * shopper behaviour as events, all in the JSON shapes the Attune HTTP API accepts. Used
 * by the demo, by load benchmarks and by recommendation-quality checks, so the
 * behaviour carries real, learnable signal. The same {@link ShopSpec} always gives the
 * same shop.
 *
 * <h2>The catalog</h2>
 * <ul>
 * <li>A fixed tree of 8 departments, 38 sections and 165 leaf categories ("Women &gt;
 *     Shoes &gt; Sneakers"). Each leaf has a traffic weight (its department's weight
 *     times a log-normal factor), a typical price, the sizes it is sold in (shoe sizes,
 *     S to XL, bed sizes, none) and the colours it comes in.</li>
 * <li>One brand per ten products, 8 to 200, with invented names and a power-law
 *     popularity (Zipf exponent 0.8). Each brand makes products in one to three
 *     departments and about two thirds of their sections, and carries a log-normal
 *     price premium or discount.</li>
 * <li>A product is drawn brand first (by popularity), then a leaf the brand makes (by
 *     traffic). Its colour follows the leaf's palette (black is commonest), its size is
 *     bell-shaped around the middle of the leaf's range, its price is log-normal around
 *     the leaf's typical price times the brand premium, ending like shelf prices (4.99,
 *     49.95, 149.99). Popularity is Zipf-like over a random rank. It was added to the
 *     catalog at a uniform time in the past year and is never seen before that; about 3%
 *     are out of stock now.</li>
 * <li>A few products (one in a thousand, at least three) from the middle of the
 *     popularity range are trending: over the last week their pull on listings, the
 *     home page and social links rises from nothing to strong.</li>
 * </ul>
 *
 * <h2>The shoppers</h2>
 * Each shopper has persistent tastes: one to three favourite departments, three to
 * seven favourite categories in them with personal weights, two to four preferred
 * brands among those that make what they shop for, two or three colours, a price
 * sensitivity, a size (one quantile across all size ranges), how engaged, how
 * search-minded and how ready to buy they are. Each visits at a log-normal rate during
 * an active span that may begin before or end within the period, so most visit once or
 * twice while a long tail comes weekly or near-daily. Visit times follow a daily curve
 * in shop time (evening peak, quiet night), a weekly one and slight growth. A quarter
 * of those with three or more visits use two devices. A registered shopper logs in at
 * some visit, emitting an identify event with both ids, and stays logged in on that
 * device, whose cart then merges into the account's; a second device is stitched when
 * they log in there too. About 30% of shoppers log in during the period.
 *
 * <h2>A session</h2>
 * A walk through the shop, at most 100 minutes and 40 pages. The shopper lands on a
 * favourite category's listing, a preferred brand's page, the home page, a search, or
 * a product page from a search engine, social post or newsletter link (social links
 * in the last week often point at trending products). From a product page they follow
 * the "you may also like" carousel (same category and similar price, same brand, or a
 * sibling category), go back to a listing or to their search results, search again,
 * or leave; the chance of leaving is personal and highest on the first page. Every
 * listing shows a handful of candidates drawn by popularity, and the shopper picks one
 * in proportion to its appeal to them: preferred brand (strongest for the top brand),
 * preferred colour, favourite category, price fit for their sensitivity, size fit, and
 * stock; products not yet added to the catalog are never picked. Queries are made of
 * the words a shopper types: a category, often with a liked colour or brand ("black
 * nordvik sneakers"), or a brand alone; results are the products matching every word,
 * most popular first, and can be none. Clicks are recorded for search results and
 * carousels, followed by the product view. A viewed product goes into the cart with a
 * chance that rises with the same match; a second product of the same category
 * sometimes replaces the first (remove from cart); at checkout an item is sometimes
 * dropped, and the order goes through or the cart is left for a later visit, which
 * may come back straight to it. Pages are read for a log-normal time (median 35 s).
 * For the demo size this gives about 2 million events, some 5 product views per
 * session, add to cart in about 11% of sessions and a purchase in about 3%.
 *
 * <h2>Recommendations shown</h2>
 * Given a {@link ShopExposure}, sessions from its start on also see the shop's recommendation
 * placements (the home page's personal carousel, a product page's related products) as
 * {@link ShopRecommendations} answers them: impression events of what came into view and click
 * events, both carrying the answer's recId, with clicks likelier the more a product appeals to
 * the shopper, so that placements which know the shoppers earn measurably more. Everything
 * before the exposure's start is the same as without it.
 *
 * <h2>Use</h2>
 * Construction draws the catalog and the shoppers (tens of megabytes for the demo
 * size). {@link #events} plays the sessions in time order, holding about a day of
 * events at a time. Instances may be shared for {@link #catalogDefinition},
 * {@link #products} and {@link #shoppers}, which return fresh objects; {@link #events}
 * must not run twice at the same time on one instance.
 */
public final class ShopGenerator {
    private final ShopSpec spec;
    private final SyntheticCatalog catalog;
    private final List<ShopperPersona> personas;
    private long eventCount;
    private Map<String, Long> eventCountsByType = Map.of();

    private record SessionSlot(long start, int shopper, int session) {
    }

    /** Draws the catalog and the shoppers; events are played only when {@link #events} is called. */
    public ShopGenerator(ShopSpec spec) {
        this.spec = spec;
        this.catalog = new SyntheticCatalog(spec);
        TrafficSeasonality traffic = new TrafficSeasonality(spec.start().toEpochMilli(), spec.end().toEpochMilli());
        this.personas = ShopperPopulation.draw(spec, catalog, traffic);
    }

    public ShopSpec spec() {
        return spec;
    }

    /** The catalog definition for {@code POST /v1/catalogs}. */
    public ObjectNode catalogDefinition() {
        return SyntheticCatalog.definitionJson(spec.catalogId());
    }

    /** All products, in id order, as flat product objects. */
    public List<ObjectNode> products() {
        List<ObjectNode> result = new ArrayList<>(catalog.products().size());
        for (SyntheticProduct product : catalog.products()) {
            result.add(catalog.productJson(product));
        }
        return result;
    }

    /** The truth behind the behaviour, one entry per shopper. */
    public List<Shopper> shoppers() {
        List<Shopper> result = new ArrayList<>(personas.size());
        for (ShopperPersona persona : personas) {
            CategoryTree tree = catalog.tree();
            result.add(new Shopper(
                    persona.devices().stream().map(ShopperDevice::anonymousId).toList(),
                    persona.userId(),
                    Arrays.stream(persona.departments()).mapToObj(tree.departments()::get).toList(),
                    Arrays.stream(persona.leaves()).mapToObj(l -> tree.leaves().get(l).path()).toList(),
                    Arrays.stream(persona.brands()).mapToObj(b -> catalog.brands().get(b).name()).toList(),
                    persona.colours(),
                    persona.priceSensitivity(),
                    persona.sessionStarts().length));
        }
        return result;
    }

    /**
     * Plays every session and passes each event to {@code sink} in time order (ties in
     * the order they happened). All timestamps lie within [{@code spec.start()},
     * {@code spec.end()}]. Calling it again replays the same events.
     */
    public void events(Consumer<ObjectNode> sink) {
        events(sink, null);
    }

    /**
     * Plays every session as {@link #events(Consumer)} does, and from {@code exposure.from()} on
     * shows the shoppers its recommendations (see {@link ShopExposure}): impression and click
     * events that carry each answer's recId join the behaviour, and shoppers follow what appeals
     * to them. From then on events are passed on every {@code exposure.freshness()} of simulated
     * time, each step ending with {@link ShopRecommendations#eventsSentBefore}, so the
     * recommendations can catch up with the shop before they are asked again. For a given seed
     * and the same answers the events are the same; with a null exposure they are exactly those
     * of {@link #events(Consumer)}.
     */
    public void events(Consumer<ObjectNode> sink, ShopExposure exposure) {
        SessionSimulator simulator = new SessionSimulator(spec, catalog, new EventJson(spec.catalogId(), catalog),
                exposure);
        long exposedFrom = exposure == null ? Long.MAX_VALUE : exposure.from().toEpochMilli();
        ShopperState[] states = new ShopperState[personas.size()];
        long[] count = {0};
        Map<String, Long> byType = new HashMap<>();
        Consumer<ObjectNode> counting = event -> {
            count[0]++;
            byType.merge(event.get("type").asText(), 1L, Long::sum);
            sink.accept(event);
        };
        TimeOrderedBuffer buffer = new TimeOrderedBuffer();
        long releaseLimit = Math.min(spec.start().toEpochMilli() + SyntheticCatalog.DAY_MILLIS, exposedFrom);
        for (SessionSlot slot : schedule()) {
            // Sessions start in order, so everything before this start is final.
            while (slot.start() >= releaseLimit) {
                buffer.releaseBefore(releaseLimit, counting);
                if (releaseLimit >= exposedFrom) {
                    exposure.recommendations().eventsSentBefore(releaseLimit);
                }
                releaseLimit = releaseLimit >= exposedFrom ? releaseLimit + exposure.freshness().toMillis()
                        : Math.min(releaseLimit + SyntheticCatalog.DAY_MILLIS, exposedFrom);
            }
            ShopperPersona shopper = personas.get(slot.shopper());
            if (states[slot.shopper()] == null) {
                states[slot.shopper()] = new ShopperState(shopper);
            }
            simulator.play(shopper, states[slot.shopper()], slot.session(), buffer::add);
        }
        buffer.releaseBefore(Long.MAX_VALUE, counting);
        eventCount = count[0];
        eventCountsByType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }

    /** How many events the last call of {@link #events} produced; 0 before the first. */
    public long eventCount() {
        return eventCount;
    }

    /** The events of the last call of {@link #events} by type, e.g. {@code view=...}; empty before the first. */
    public Map<String, Long> eventCountsByType() {
        return eventCountsByType;
    }

    private List<SessionSlot> schedule() {
        List<SessionSlot> slots = new ArrayList<>();
        for (ShopperPersona persona : personas) {
            long[] starts = persona.sessionStarts();
            for (int s = 0; s < starts.length; s++) {
                slots.add(new SessionSlot(starts[s], persona.index(), s));
            }
        }
        slots.sort(Comparator.comparingLong(SessionSlot::start).thenComparingInt(SessionSlot::shopper)
                .thenComparingInt(SessionSlot::session));
        return slots;
    }
}
