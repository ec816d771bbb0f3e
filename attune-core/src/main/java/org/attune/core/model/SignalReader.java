package org.attune.core.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.attune.core.event.Event;

/**
 * Turns events into weighted interactions the way a model's signals say: an event of a
 * signal's type in the model's catalog gives each product its path yields an interaction of
 * the signal's weight, times the value path's number when there is one (one number per
 * product applies product by product, a single number to all, anything else counts as 1).
 * Several signals may read the same event type. Interactions carry the event time (epoch
 * seconds). Not thread-safe; one per training.
 */
public final class SignalReader {
    /** The strongest one interaction may be: far above any weight times a real quantity, far below a float's end. */
    static final double MAX_STRENGTH = 1e12;
    private final ModelDefinition model;
    private final Map<String, List<Signal>> byType = new HashMap<>();
    private final Function<Event, String> person;
    private final Interactions.Builder interactions = Interactions.builder();
    private final Map<String, Double> weightBySignal = new java.util.LinkedHashMap<>();
    private final java.util.SortedMap<String, Map<String, Double>> weightByDay = new java.util.TreeMap<>();
    private long events;
    private long interactionCount;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    /**
     * @param person the key of the person an event belongs to (for example the stitched person's id),
     *     or null to skip the event
     */
    public SignalReader(ModelDefinition model, Function<Event, String> person) {
        this.model = model;
        this.person = person;
        for (Signal signal : model.signals()) {
            weightBySignal.put(signal.name(), 0.0);
            byType.computeIfAbsent(signal.eventType(), t -> new java.util.ArrayList<>()).add(signal);
        }
    }

    /** Reads one event; events of other types or catalogs are passed over. */
    public void accept(Event event) {
        List<Signal> signals = byType.get(event.type());
        if (signals == null || !model.catalog().equals(event.catalog())) {
            return;
        }
        String key = person.apply(event);
        if (key == null) {
            return;
        }
        boolean counted = false;
        long seconds = Math.floorDiv(event.timestamp(), 1000);
        Map<String, Double> day = null;
        for (Signal signal : signals) {
            List<String> products = signal.productIds().read(event);
            if (products.isEmpty()) {
                continue;
            }
            List<Double> values = signal.value() == null ? List.of() : signal.value().readNumbers(event);
            for (int i = 0; i < products.size(); i++) {
                double value = values.size() == products.size() ? values.get(i) : values.size() == 1 ? values.get(0)
                        : 1;
                // A huge value (1e300 in properties.quantity) would make the float interaction, and every
                // sum of it, Infinity: it counts as the largest strength instead.
                double strength = Math.min(MAX_STRENGTH, signal.weight() * value);
                if (strength > 0) {
                    interactions.add(key, products.get(i), (float) strength, seconds);
                    weightBySignal.merge(signal.name(), strength, Double::sum);
                    if (day == null) {
                        day = weightByDay.computeIfAbsent(java.time.LocalDate.ofEpochDay(
                                Math.floorDiv(seconds, 86_400L)).toString(), d -> new java.util.LinkedHashMap<>());
                    }
                    day.merge(signal.name(), strength, Double::sum);
                    interactionCount++;
                    counted = true;
                }
            }
        }
        if (counted) {
            events++;
            firstMillis = Math.min(firstMillis, event.timestamp());
            lastMillis = Math.max(lastMillis, event.timestamp());
        }
    }

    /** Interactions read (one per product an event yielded), before repeated pairs are merged. */
    public long interactionCount() {
        return interactionCount;
    }

    /** Event time of the earliest event that counted, or null when none did. */
    public java.time.Instant firstEventAt() {
        return events == 0 ? null : java.time.Instant.ofEpochMilli(firstMillis);
    }

    /** Event time of the latest event that counted, or null when none did. */
    public java.time.Instant lastEventAt() {
        return events == 0 ? null : java.time.Instant.ofEpochMilli(lastMillis);
    }

    /** Per UTC day (ISO date), the weight each signal contributed that day. */
    public java.util.SortedMap<String, Map<String, Double>> weightByDay() {
        java.util.SortedMap<String, Map<String, Double>> copy = new java.util.TreeMap<>();
        weightByDay.forEach((day, weights) -> copy.put(day, Map.copyOf(weights)));
        return copy;
    }

    /** Events that gave at least one interaction. */
    public long events() {
        return events;
    }

    /** The total weight each signal contributed (for the weight distribution in analytics). */
    public Map<String, Double> weightBySignal() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weightBySignal));
    }

    public Interactions interactions() {
        return interactions.build();
    }
}
