package org.attune.core.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.attune.core.profile.ProductFacts;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * Credits events to the answers they followed, as the fanout applies them in log order:
 * an {@code impression} or {@code click} to the answer whose recId it carries; an add-to-cart
 * or purchase of a product to the latest click on that product from an answer within the
 * catalog's click-through window, else to the latest impression of it within the view-through
 * window (view-through), else to nobody (unattributed). Clicks and impressions are remembered
 * per id (the event's user id, else its anonymous id) and a conversion looks through every id
 * of its person as stitched at that moment, so a click made before signing in still counts.
 * Each id keeps its last {@value #MAX_CLICKS} clicks and {@value #MAX_IMPRESSIONS} impressions;
 * ids with nothing newer than the longest window are dropped every million events (by log
 * position, so a replay drops the same). Not thread-safe: the fanout thread's own.
 */
final class Attribution {
    static final int MAX_CLICKS = 64;
    static final int MAX_IMPRESSIONS = 256;
    static final String IMPRESSION = "impression";
    static final String CLICK = "click";
    private static final long SWEEP_EVERY = 1_000_000;
    private static final long FORGET_AFTER = AttributionWindows.MAX_HOURS * ReportQuery.HOUR;

    private final RecIds recIds;
    private final DimensionTable dimensions;
    private final OutcomeReports reports;
    private final AttributionWindows windows;
    private final Function<String, List<String>> idsOf;
    private final ProductFacts products;
    private final String purchaseType;
    private final String addToCartType;
    private final Map<String, Memory> byId = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private long newestTime = Long.MIN_VALUE;
    private long appliedThrough;

    /** Products an id touched, newest overwriting oldest. */
    private static final class Touches {
        final long[] times;
        final long[] answers;
        final String[] products;
        int size;
        int next;

        Touches(int capacity) {
            times = new long[capacity];
            answers = new long[capacity];
            products = new String[capacity];
        }

        void add(long time, long dimensions, String product) {
            times[next] = time;
            answers[next] = dimensions;
            products[next] = product;
            next = (next + 1) % times.length;
            size = Math.min(size + 1, times.length);
        }
    }

    private static final class Memory {
        Touches clicks;
        Touches impressions;
        long newest = Long.MIN_VALUE;
    }

    /** A touch found for a conversion. */
    private record Touch(long time, long dimensions) {
    }

    Attribution(RecIds recIds, DimensionTable dimensions, OutcomeReports reports, AttributionWindows windows,
                Function<String, List<String>> idsOf, ProductFacts products, String purchaseType,
                String addToCartType) {
        this.recIds = recIds;
        this.dimensions = dimensions;
        this.reports = reports;
        this.windows = windows;
        this.idsOf = idsOf;
        this.products = products;
        this.purchaseType = purchaseType;
        this.addToCartType = addToCartType;
    }

    long appliedThrough() {
        return appliedThrough;
    }

    void apply(Event event) {
        if (event.seq() / SWEEP_EVERY != appliedThrough / SWEEP_EVERY && appliedThrough > 0) {
            sweep();
        }
        appliedThrough = Math.max(appliedThrough, event.seq());
        if (Tombstone.is(event)) {
            for (String id : Tombstone.ids(event)) {
                byId.remove(id);
            }
            return;
        }
        String type = event.type();
        boolean impression = IMPRESSION.equals(type);
        boolean click = CLICK.equals(type);
        boolean purchase = type.equals(purchaseType);
        boolean addToCart = type.equals(addToCartType);
        if (!impression && !click && !purchase && !addToCart) {
            return;
        }
        newestTime = Math.max(newestTime, event.timestamp());
        String id = event.userId() != null ? event.userId() : event.anonymousId();
        if (impression || click) {
            touched(event, id, click);
        } else {
            converted(event, id, purchase);
        }
    }

    private void touched(Event event, String id, boolean click) {
        long time = event.timestamp();
        JsonNode recIdNode = event.context().get("recId");
        String recId = recIdNode == null || !recIdNode.isTextual() ? null : recIdNode.asText();
        RecIds.Issued issued = recIds.read(recId);
        AnswerDimensions answer = issued == null ? null : dimensions.find(issued.dimensions());
        int count = click ? 1 : Math.max(1, event.itemIds().size());
        if (answer == null) {
            long unattributed = unattributed(event.catalog());
            reports.add(time, unattributed, click ? Measure.UNATTRIBUTED_CLICKS : Measure.UNATTRIBUTED_IMPRESSIONS,
                    count);
            if (recId != null) {
                reports.add(time, unattributed, Measure.BAD_REC_IDS, 1);
            }
            return;
        }
        AttributionWindows.Windows w = windows.of(answer.catalog());
        long window = click ? w.clickThroughMillis() : w.viewThroughMillis();
        if (time - issued.at() > window) {
            long unattributed = unattributed(answer.catalog());
            reports.add(time, unattributed, click ? Measure.UNATTRIBUTED_CLICKS : Measure.UNATTRIBUTED_IMPRESSIONS,
                    count);
            reports.add(time, unattributed, Measure.EXPIRED_REC_IDS, 1);
            return;
        }
        reports.add(time, issued.dimensions(), click ? Measure.CLICKS : Measure.IMPRESSIONS, count);
        if (id == null || event.itemIds().isEmpty()) {
            return;
        }
        Memory memory = byId.computeIfAbsent(id, k -> new Memory());
        memory.newest = Math.max(memory.newest, time);
        for (String item : event.itemIds()) {
            String product = name(answer.catalog(), item);
            if (click) {
                if (memory.clicks == null) {
                    memory.clicks = new Touches(MAX_CLICKS);
                }
                memory.clicks.add(time, issued.dimensions(), product);
                reports.clicked(time, issued.dimensions(), item);
            } else {
                if (memory.impressions == null) {
                    memory.impressions = new Touches(MAX_IMPRESSIONS);
                }
                memory.impressions.add(time, issued.dimensions(), product);
            }
        }
    }

    private void converted(Event event, String id, boolean purchase) {
        long time = event.timestamp();
        String catalog = event.catalog();
        List<String> items = event.itemIds();
        if (items.isEmpty()) {
            return;
        }
        List<String> ids = id == null ? List.of() : idsOf.apply(id);
        if (ids.isEmpty() && id != null) {
            ids = List.of(id);
        }
        AttributionWindows.Windows w = windows.of(catalog);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            double revenue = purchase ? revenue(event, item, i) : 0;
            String product = catalog == null ? null : name(catalog, item);
            Touch click = product == null ? null : latest(ids, product, time, w.clickThroughMillis(), true);
            if (click != null) {
                reports.add(time, click.dimensions(), purchase ? Measure.PURCHASES : Measure.ADD_TO_CARTS, 1);
                if (purchase) {
                    reports.add(time, click.dimensions(), Measure.REVENUE, revenue);
                    reports.purchased(time, click.dimensions(), item, revenue);
                }
                continue;
            }
            Touch seen = product == null ? null : latest(ids, product, time, w.viewThroughMillis(), false);
            if (seen != null) {
                reports.add(time, seen.dimensions(),
                        purchase ? Measure.VIEW_THROUGH_PURCHASES : Measure.VIEW_THROUGH_ADD_TO_CARTS, 1);
                if (purchase) {
                    reports.add(time, seen.dimensions(), Measure.VIEW_THROUGH_REVENUE, revenue);
                    reports.purchased(time, seen.dimensions(), item, revenue);
                }
                continue;
            }
            long unattributed = unattributed(catalog);
            reports.add(time, unattributed,
                    purchase ? Measure.UNATTRIBUTED_PURCHASES : Measure.UNATTRIBUTED_ADD_TO_CARTS, 1);
            if (purchase) {
                reports.add(time, unattributed, Measure.UNATTRIBUTED_REVENUE, revenue);
            }
        }
    }

    /** The newest click (or impression) of {@code product} by any of {@code ids} at most {@code window} before {@code time}. */
    private Touch latest(List<String> ids, String product, long time, long window, boolean clicks) {
        long bestTime = Long.MIN_VALUE;
        long bestAnswer = 0;
        for (String id : ids) {
            Memory memory = byId.get(id);
            Touches touches = memory == null ? null : clicks ? memory.clicks : memory.impressions;
            if (touches == null) {
                continue;
            }
            for (int i = 0; i < touches.size; i++) {
                long at = touches.times[i];
                // Same product (interned, so one comparison); the newest touch wins, ties to the later-logged one.
                if (touches.products[i] == product && at <= time && time - at <= window && at >= bestTime) {
                    bestTime = at;
                    bestAnswer = touches.answers[i];
                }
            }
        }
        return bestTime == Long.MIN_VALUE ? null : new Touch(bestTime, bestAnswer);
    }

    /**
     * A product's revenue in a purchase: its line of {@code properties.items} (price × quantity),
     * else, for an event of one product, {@code properties.revenue}, else {@code properties.price}
     * × {@code properties.quantity} (1 when not given), else the catalog's price × that quantity;
     * 0 when none is known.
     */
    private double revenue(Event event, String item, int index) {
        JsonNode properties = event.properties();
        JsonNode lines = properties.get("items");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                if (item.equals(line.path("id").asText(null)) && line.path("price").isNumber()) {
                    return line.get("price").asDouble() * quantity(line);
                }
            }
        }
        boolean single = event.itemIds().size() == 1;
        if (single && properties.path("revenue").isNumber()) {
            return properties.get("revenue").asDouble();
        }
        if (single && properties.path("price").isNumber()) {
            return properties.get("price").asDouble() * quantity(properties);
        }
        double price = event.catalog() == null ? Double.NaN : products.price(event.catalog(), item);
        return Double.isNaN(price) ? 0 : price * (single ? quantity(properties) : 1);
    }

    private static double quantity(JsonNode node) {
        JsonNode quantity = node.get("quantity");
        return quantity != null && quantity.isNumber() && quantity.asDouble() > 0 ? quantity.asDouble() : 1;
    }

    private long unattributed(String catalog) {
        return dimensions.register(new AnswerDimensions("", catalog, "", "", "", "unattributed", ""));
    }

    /** The one instance of a catalog's product name, so touches compare products by reference. */
    private String name(String catalog, String item) {
        return intern(catalog + '\u0000' + item);
    }

    private String intern(String name) {
        String known = names.putIfAbsent(name, name);
        return known == null ? name : known;
    }

    /** Drops ids whose newest touch lies beyond the longest window before the newest event. */
    private void sweep() {
        long oldest = newestTime - FORGET_AFTER;
        for (Iterator<Memory> it = byId.values().iterator(); it.hasNext(); ) {
            if (it.next().newest < oldest) {
                it.remove();
            }
        }
        if (byId.isEmpty()) {
            names.clear();
        }
    }

    void save(SnapshotOutput out) throws IOException {
        out.writeLong(newestTime);
        out.writeLong(appliedThrough);
        out.writeInt(byId.size());
        for (Map.Entry<String, Memory> entry : byId.entrySet()) {
            out.writeString(entry.getKey());
            out.writeLong(entry.getValue().newest);
            save(out, entry.getValue().clicks);
            save(out, entry.getValue().impressions);
        }
    }

    private static void save(SnapshotOutput out, Touches touches) throws IOException {
        if (touches == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(touches.size);
        out.writeInt(touches.next);
        for (int i = 0; i < touches.size; i++) {
            out.writeLong(touches.times[i]);
            out.writeLong(touches.answers[i]);
            out.writeString(touches.products[i]);
        }
    }

    void restore(SnapshotInput in) throws IOException {
        newestTime = in.readLong();
        appliedThrough = in.readLong();
        int count = in.readCount(Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            String id = in.readString();
            Memory memory = new Memory();
            memory.newest = in.readLong();
            memory.clicks = restore(in, MAX_CLICKS);
            memory.impressions = restore(in, MAX_IMPRESSIONS);
            byId.put(id, memory);
        }
    }

    private Touches restore(SnapshotInput in, int capacity) throws IOException {
        int size = in.readInt();
        if (size < 0) {
            return null;
        }
        if (size > capacity) {
            throw new IOException("snapshot damaged: " + size + " touches where at most " + capacity + " fit");
        }
        Touches touches = new Touches(capacity);
        touches.size = size;
        touches.next = in.readCount(capacity - 1);
        for (int i = 0; i < size; i++) {
            touches.times[i] = in.readLong();
            touches.answers[i] = in.readLong();
            touches.products[i] = intern(in.readString());
        }
        return touches;
    }
}
