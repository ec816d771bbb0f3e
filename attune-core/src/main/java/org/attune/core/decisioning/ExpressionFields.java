package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.json.Timestamps;
import org.attune.core.profile.ProfileSnapshot;

/**
 * The values the names of one catalog's CEL environment ({@link Expressions}) are bound to at
 * request time, and their CEL types: {@code product} (built once per product version and kept
 * with it, see {@link Product#derived}), {@code profile} (the person's computed attributes)
 * and {@code context} (the request's page). A value that is missing reads its type's zero
 * value, as a proto3 field does. Thread-safe.
 */
public final class ExpressionFields {
    /** The context's fields, all strings. */
    public static final List<String> CONTEXT_FIELDS = List.of("product", "category", "query", "referrer", "device",
            "page", "channel", "placement");
    /** The profile's fields and their CEL types. */
    static final Map<String, CelType> PROFILE_TYPES = profileTypes();

    private static final Timestamp EPOCH = Timestamp.getDefaultInstance();

    private final Map<String, AttributeDefinition> attributes;
    private final Set<String> affinityAttributes;

    ExpressionFields(CatalogSchema schema) {
        this.attributes = schema.byName();
        Set<String> affinity = new TreeSet<>();
        schema.attributes().stream().filter(AttributeDefinition::tracksAffinity).forEach(a -> affinity.add(a.name()));
        this.affinityAttributes = Set.copyOf(affinity);
    }

    /**
     * What one environment derived from one product version, kept with the version
     * ({@link Product#derived}) rather than in a map of the catalog's products: its values for
     * expressions, and the verdicts of the rules on the product alone by their slot (0 not known
     * yet, 1 ineligible, 2 eligible). Verdicts are written without a lock: a write lost to a
     * concurrent one only means the rule is evaluated again.
     */
    static final class Derived {
        final ExpressionFields owner;
        final Map<String, Object> fields;
        volatile byte[] verdicts = new byte[0];

        Derived(ExpressionFields owner, Map<String, Object> fields) {
            this.owner = owner;
            this.fields = fields;
        }

        Boolean verdict(int slot) {
            byte[] known = verdicts;
            return slot >= known.length || known[slot] == 0 ? null : known[slot] == 2;
        }

        void remember(int slot, boolean eligible) {
            byte[] known = verdicts;
            if (slot >= known.length) {
                known = Arrays.copyOf(known, slot + 1);
            }
            known[slot] = (byte) (eligible ? 2 : 1);
            verdicts = known;
        }
    }

    /** Attributes whose values profiles keep affinities for: the keys of {@code profile.affinity}. */
    Set<String> affinityAttributes() {
        return affinityAttributes;
    }

    /** The product's fields and their CEL types: the schema's attributes, {@code id} and {@code available}. */
    Map<String, CelType> productTypes() {
        Map<String, CelType> types = new LinkedHashMap<>();
        attributes.forEach((name, definition) -> types.put(name, celType(definition)));
        types.put("id", SimpleType.STRING);
        types.put("available", SimpleType.BOOL);
        return types;
    }

    /** The product's values, built once per product version. */
    Map<String, Object> productFields(Product product) {
        return derived(product).fields;
    }

    /** What was derived from this product version, or null when nothing was yet. */
    Derived derivedIfKnown(Product product) {
        return product.derived() instanceof Derived derived && derived.owner == this ? derived : null;
    }

    /** What was derived from the product version, derived now on the first ask. */
    Derived derived(Product product) {
        Derived known = derivedIfKnown(product);
        if (known != null) {
            return known;
        }
        Map<String, Object> fields = new HashMap<>();
        attributes.forEach((name, definition) -> fields.put(name, value(definition, product.attributes().get(name))));
        fields.put("id", product.id());
        fields.put("available", product.available());
        Derived derived = new Derived(this, Map.copyOf(fields));
        product.derived(derived);
        return derived;
    }

    /** The request's context values: every field, "" when not given. */
    public static Map<String, Object> contextFields(Map<String, String> given) {
        Map<String, Object> fields = new HashMap<>();
        for (String field : CONTEXT_FIELDS) {
            String value = given.get(field);
            fields.put(field, value == null ? "" : value);
        }
        return Map.copyOf(fields);
    }

    /** The person's computed attributes as {@code profile.*} reads them. */
    Map<String, Object> profileFields(ProfileSnapshot snapshot) {
        Map<String, Object> affinity = new HashMap<>();
        for (String attribute : affinityAttributes) {
            Map<String, Object> scores = new HashMap<>();
            for (ProfileSnapshot.Affinity value : snapshot.affinities().getOrDefault(attribute, List.of())) {
                scores.put(value.value(), value.score());
            }
            affinity.put(attribute, new ZeroForMissing(scores, 0.0));
        }
        Map<String, Object> events = new HashMap<>();
        snapshot.counts().forEach(events::put);
        Map<String, Object> fields = new HashMap<>();
        fields.put("affinity", affinity);
        Double days = snapshot.rfm().daysSinceLastPurchase();
        fields.put("days_since_last_purchase", days == null ? Double.POSITIVE_INFINITY : days);
        fields.put("purchases_30d", (long) snapshot.rfm().purchases30d());
        fields.put("purchases_90d", (long) snapshot.rfm().purchases90d());
        fields.put("spend", snapshot.rfm().spend());
        fields.put("events", new ZeroForMissing(events, 0L));
        fields.put("viewed", snapshot.recentlyViewed());
        fields.put("purchased", snapshot.recentlyPurchased());
        fields.put("cart", snapshot.cart());
        return fields;
    }

    private static Map<String, CelType> profileTypes() {
        Map<String, CelType> fields = new LinkedHashMap<>();
        fields.put("affinity", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DOUBLE)));
        fields.put("days_since_last_purchase", SimpleType.DOUBLE);
        fields.put("purchases_30d", SimpleType.INT);
        fields.put("purchases_90d", SimpleType.INT);
        fields.put("spend", SimpleType.DOUBLE);
        fields.put("events", MapType.create(SimpleType.STRING, SimpleType.INT));
        fields.put("viewed", ListType.create(SimpleType.STRING));
        fields.put("purchased", ListType.create(SimpleType.STRING));
        fields.put("cart", ListType.create(SimpleType.STRING));
        return Map.copyOf(fields);
    }

    private static CelType celType(AttributeDefinition definition) {
        return switch (definition.type()) {
            case STRING, URL -> SimpleType.STRING;
            case NUMBER -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case STRING_LIST -> ListType.create(SimpleType.STRING);
            case TIMESTAMP -> SimpleType.TIMESTAMP;
        };
    }

    private static Object value(AttributeDefinition definition, JsonNode node) {
        boolean missing = node == null || node.isNull();
        return switch (definition.type()) {
            case STRING, URL -> missing ? "" : node.asText();
            case NUMBER -> missing ? 0.0 : node.asDouble();
            case BOOLEAN -> !missing && node.asBoolean();
            case STRING_LIST -> {
                if (missing) {
                    yield List.of();
                }
                List<String> values = new ArrayList<>(node.size());
                node.forEach(value -> values.add(value.asText()));
                yield List.copyOf(values);
            }
            case TIMESTAMP -> {
                if (missing) {
                    yield EPOCH;
                }
                Instant at = Timestamps.parse(node);
                yield Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
            }
        };
    }

    /** A map that reads {@code zero} for a key it does not hold, so an unseen value is not an error. */
    private static final class ZeroForMissing extends AbstractMap<String, Object> {
        private final Map<String, Object> values;
        private final Object zero;

        ZeroForMissing(Map<String, Object> values, Object zero) {
            this.values = values;
            this.zero = zero;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            Object value = values.get(key);
            return value == null ? zero : value;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return values.entrySet();
        }
    }
}
