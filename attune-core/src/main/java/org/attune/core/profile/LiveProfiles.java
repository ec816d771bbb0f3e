package org.attune.core.profile;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.attune.core.event.Event;
import org.attune.core.event.ForgottenIds;
import org.attune.core.event.Tombstone;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;
import org.attune.core.snapshot.SnapshotPart;

/**
 * Every person's live profile, updated as durable events arrive (in log order, on one
 * thread: the event fanout, or the replay at start) and read by request threads. At
 * start the newest snapshot is restored ({@link #snapshotPart}) and the log after it
 * replayed through {@link #apply} (the whole log when there is no snapshot; measured per
 * million events in {@code docs/benchmarks.md}). Thread-safe.
 */
public final class LiveProfiles {
    private final ProductFacts products;
    private final ProfileSettings settings;
    private final Symbols names;
    private final Symbols productIds;
    private final Symbols catalogIds = new Symbols();
    /** The catalog of the previous event and its symbol: nearly every event names the same one. */
    private String lastCatalog;
    private int lastCatalogSymbol;
    private final IdentityGraph identities = new IdentityGraph();
    /** Reused for each event; only touched while holding {@link #identities}. */
    private final AppliedEvent applied = new AppliedEvent();
    private final int purchaseType;
    private final int addToCartType;
    private final int removeFromCartType;
    private volatile long appliedThrough;
    /** Tombstones applied whose events the log has not yet been asked to redact; guarded by identities. */
    private final List<Event> unredactedTombstones = new ArrayList<>(0);
    /**
     * Tombstones applied whose redaction is not known to be complete (handed out or not), kept
     * in snapshots so that a restart redacts them again; guarded by identities.
     */
    private final List<Event> pendingRedaction = new ArrayList<>(0);
    private final ForgottenIds forgottenIds = new ForgottenIds();
    private long forgotten;

    /**
     * A person with their profile as of a moment.
     *
     * @param person the person's ids and identity links
     * @param profile computed state
     */
    public record View(IdentityGraph.Person person, ProfileSnapshot profile) {
    }

    /**
     * What recommendations read of a person.
     *
     * @param affinities attribute-value affinity keys (symbols of {@link #names()}) with their scores,
     *     strongest first
     * @param recentlyViewed product ids, newest first
     * @param recentlyPurchased product ids, newest first
     * @param cart product ids in the cart, newest first
     */
    public record Interests(List<Map.Entry<Integer, Double>> affinities, List<String> recentlyViewed,
                            List<String> recentlyPurchased, List<String> cart) {
    }

    /**
     * @param products product facts; its affinity keys must be symbols of {@code names}
     * @param names the symbol table for event types, catalogs and affinity keys
     */
    public LiveProfiles(ProductFacts products, Symbols names, ProfileSettings settings) {
        this.products = products;
        this.settings = settings;
        this.names = names;
        this.productIds = new Symbols();
        this.purchaseType = names.id(settings.purchaseType());
        this.addToCartType = names.id(settings.addToCartType());
        this.removeFromCartType = names.id(settings.removeFromCartType());
    }

    public ProfileSettings settings() {
        return settings;
    }

    /** Symbols of event types, catalogs and affinity keys. */
    public Symbols names() {
        return names;
    }

    public void applyAll(List<Event> events) {
        for (Event event : events) {
            apply(event);
        }
    }

    /** Applies one durable event; events must come in log order. */
    public void apply(Event event) {
        synchronized (identities) {
            if (Tombstone.is(event)) {
                unredactedTombstones.add(event);
                pendingRedaction.add(event);
                forgottenIds.add(event);
                for (String id : Tombstone.ids(event)) {
                    if (identities.forget(id).isPresent()) {
                        forgotten++;
                    }
                }
            } else if (event.anonymousId() != null || event.userId() != null) {
                IdentityGraph.Node person = identities.resolve(event, (survivor, absorbed) -> {
                    if (absorbed.profile != null) {
                        profileOf(survivor).absorb(absorbed.profile, settings);
                    }
                });
                fill(event);
                profileOf(person).apply(applied, settings);
            }
        }
        appliedThrough = Math.max(appliedThrough, event.seq());
    }

    private static Profile profileOf(IdentityGraph.Node node) {
        if (node.profile == null) {
            node.profile = new Profile();
        }
        return node.profile;
    }

    private void fill(Event event) {
        AppliedEvent e = applied;
        e.seq = event.seq();
        e.time = event.timestamp();
        e.type = names.id(event.type());
        String catalog = event.catalog();
        if (catalog == null) {
            e.catalog = -1;
        } else {
            if (!catalog.equals(lastCatalog)) {
                lastCatalog = catalog;
                lastCatalogSymbol = catalogIds.id(catalog);
            }
            e.catalog = lastCatalogSymbol;
        }
        List<String> items = event.itemIds();
        e.items(items.size());
        for (int i = 0; i < items.size(); i++) {
            e.items[i] = productIds.id(items.get(i));
            e.affinityKeys[i] = catalog == null ? NO_KEYS : products.affinityKeys(catalog, items.get(i));
        }
        e.weight = catalog == null ? 0 : products.eventWeight(catalog, event.type());
        e.revenue = 0;
        if (e.type == purchaseType) {
            e.kind = AppliedEvent.Kind.PURCHASE;
            e.revenue = revenue(event);
        } else if (e.type == addToCartType) {
            e.kind = AppliedEvent.Kind.ADD_TO_CART;
        } else if (e.type == removeFromCartType) {
            e.kind = AppliedEvent.Kind.REMOVE_FROM_CART;
        } else if (settings.viewTypes().contains(event.type())) {
            e.kind = AppliedEvent.Kind.VIEW;
        } else {
            e.kind = AppliedEvent.Kind.OTHER;
        }
    }

    private static final int[] NO_KEYS = new int[0];

    /** {@code properties.revenue} when it is a number, else the sum of the products' prices. */
    private double revenue(Event event) {
        var revenue = event.properties().get("revenue");
        if (revenue != null && revenue.isNumber()) {
            return revenue.asDouble();
        }
        double sum = 0;
        if (event.catalog() != null) {
            for (String item : event.itemIds()) {
                double price = products.price(event.catalog(), item);
                if (!Double.isNaN(price)) {
                    sum += price;
                }
            }
        }
        return sum;
    }

    /** The person with this anonymous id or user id, as of {@code now}. */
    public Optional<View> find(String id, Instant now) {
        IdentityGraph.Person person;
        Profile profile;
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            if (node == null) {
                return Optional.empty();
            }
            person = IdentityGraph.snapshot(node);
            profile = profileOf(node);
        }
        return Optional.of(new View(person, profile.snapshot(person.id(), now, settings, names, catalogIds, productIds)));
    }

    /** What recommendations need of the person with this id; empty when unknown. */
    public Optional<Interests> interests(String id, Instant now, int maxAffinities) {
        Profile profile;
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            if (node == null) {
                return Optional.empty();
            }
            profile = profileOf(node);
        }
        return Optional.of(new Interests(
                profile.strongestAffinities(now.toEpochMilli(), settings.affinityHalfLife().toMillis(), maxAffinities),
                names(profile.recentlyViewed()), names(profile.recentlyPurchased(settings.recentProducts())),
                names(profile.cart())));
    }

    private List<String> names(int[] products) {
        List<String> list = new ArrayList<>(products.length);
        for (int product : products) {
            list.add(productIds.name(product));
        }
        return list;
    }

    /**
     * One of a person's recent events, as models read it at request time.
     *
     * @param type event type
     * @param timestamp event time, epoch ms
     * @param catalog its catalog, or null
     * @param itemIds its products, possibly none
     * @param seq its position in the event log (0 for an event that is not in it, as in a preview)
     */
    public record Activity(String type, long timestamp, String catalog, List<String> itemIds, long seq) {
    }

    /**
     * The key under which a model's training reads the events of the person with this internal
     * id (and under which its version keeps their row), so that requests find them again.
     */
    public static String personKey(long personId) {
        return "p" + personId;
    }

    /**
     * The recent events of the person known by {@code id} (at most the configured number,
     * newest first, all their ids' events stitched together), or empty when nobody is known by it.
     */
    public Optional<List<Activity>> recentActivity(String id) {
        Profile profile;
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            if (node == null) {
                return Optional.empty();
            }
            profile = profileOf(node);
        }
        return Optional.of(activities(profile));
    }

    private List<Activity> activities(Profile profile) {
        List<RecentEvents.Entry> entries = profile.recentEntries();
        List<Activity> activity = new ArrayList<>(entries.size());
        for (RecentEvents.Entry e : entries) {
            activity.add(new Activity(names.name(e.type()), e.time(), e.catalog() < 0 ? null
                    : catalogIds.name(e.catalog()), names(e.items()), e.seq()));
        }
        return activity;
    }

    /**
     * The person known by {@code id}, to read for a decision; empty when nobody is known by it.
     * The handle reads the live profile, so it sees events applied after this call.
     */
    public Optional<Person> person(String id) {
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            return node == null ? Optional.empty() : Optional.of(new Person(node.id, profileOf(node)));
        }
    }

    /**
     * A profile built from {@code events} alone, as if one new person had sent them in this
     * order, for previews: nobody's live profile, identity or the log is touched.
     */
    public Person synthetic(List<Event> events) {
        Profile profile = new Profile();
        synchronized (identities) {
            for (Event event : events) {
                fill(event);
                profile.apply(applied, settings);
            }
        }
        return new Person(null, profile);
    }

    /** One person's profile as decisions read it: live, or built for a preview. Thread-safe. */
    public final class Person {
        private final Long personId;
        private final Profile profile;

        private Person(Long personId, Profile profile) {
            this.personId = personId;
            this.profile = profile;
        }

        /** The internal person id, or null for a profile built for a preview. */
        public Long personId() {
            return personId;
        }

        /** Everything about the person as of {@code now}. */
        public ProfileSnapshot snapshot(Instant now) {
            return profile.snapshot(personId == null ? 0 : personId, now, settings, names, catalogIds, productIds);
        }

        /** The recent events, newest first, as models read them. */
        public List<Activity> activity() {
            return activities(profile);
        }

        /**
         * Every product the person bought, newest first: their whole history up to
         * {@link ProfileSettings#MAX_PURCHASED_PRODUCTS}, where the snapshot shows the newest few.
         */
        public List<String> purchased() {
            return names(profile.purchased());
        }

        /** Products viewed at or after {@code sinceMillis}, newest first. */
        public List<String> viewedSince(long sinceMillis) {
            return names(profile.viewedSince(sinceMillis));
        }
    }

    /**
     * Which of a request's ids names the person: the user id when someone is known by it (or
     * no anonymous id is given), else the anonymous id; null when neither is given.
     */
    public String requestId(String userId, String anonymousId) {
        if (userId != null && (anonymousId == null || personId(userId).isPresent())) {
            return userId;
        }
        return anonymousId;
    }

    /** The internal id of the person known by {@code id}. */
    public Optional<Long> personId(String id) {
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            return node == null ? Optional.empty() : Optional.of(node.id);
        }
    }

    /** All ids of the person known by {@code id} (user id first), or empty when unknown. */
    public List<String> idsOf(String id) {
        synchronized (identities) {
            IdentityGraph.Node node = identities.node(id);
            return node == null ? List.of() : node.ids();
        }
    }

    /** People known. */
    public int size() {
        synchronized (identities) {
            return identities.size();
        }
    }

    /** People forgotten by tombstones since start (replayed ones included). */
    public long forgotten() {
        synchronized (identities) {
            return forgotten;
        }
    }

    /** Takes the tombstones applied since the last call (for the log's redaction). */
    public List<Event> drainTombstones() {
        synchronized (identities) {
            List<Event> drained = List.copyOf(unredactedTombstones);
            unredactedTombstones.clear();
            return drained;
        }
    }

    /**
     * Records that these tombstones and the events they name are redacted from the log, so
     * that snapshots no longer carry them or the ids they name.
     */
    public void tombstonesRedacted(Collection<Long> tombstoneSeqs) {
        synchronized (identities) {
            pendingRedaction.removeIf(tombstone -> {
                if (tombstoneSeqs.contains(tombstone.seq())) {
                    forgottenIds.remove(tombstone);
                    return true;
                }
                return false;
            });
        }
    }

    /**
     * The profiles as a part of the state snapshots: people, identities, profiles, symbol
     * tables and deletions not yet redacted. Saved while no event is applied.
     */
    public SnapshotPart snapshotPart() {
        return new SnapshotPart() {
            @Override
            public String name() {
                return "profiles";
            }

            @Override
            public String configuration() {
                return "v1 recentEvents=" + settings.recentEvents() + " recentProducts=" + settings.recentProducts()
                        + " affinityHalfLife=" + settings.affinityHalfLife() + " maxAffinityValues="
                        + settings.maxAffinityValues() + " eventWeights=" + new TreeMap<>(settings.eventWeights())
                        + " viewTypes=" + new TreeSet<>(settings.viewTypes()) + " purchase=" + settings.purchaseType()
                        + " addToCart=" + settings.addToCartType() + " removeFromCart="
                        + settings.removeFromCartType() + " maxPurchased=" + ProfileSettings.MAX_PURCHASED_PRODUCTS
                        + " maxCart=" + ProfileSettings.MAX_CART_PRODUCTS + " maxCountedPurchases="
                        + ProfileSettings.MAX_COUNTED_PURCHASES;
            }

            @Override
            public void save(SnapshotOutput out) throws IOException {
                // Not under the identities lock: only the applying thread changes people, and it is
                // the one saving (or stopped); readers go on meanwhile.
                List<Event> pending;
                long forgottenSoFar;
                synchronized (identities) {
                    pending = List.copyOf(pendingRedaction);
                    forgottenSoFar = forgotten;
                }
                names.save(out);
                productIds.save(out);
                catalogIds.save(out);
                identities.save(out);
                out.writeLong(appliedThrough);
                out.writeLong(forgottenSoFar);
                forgottenIds.save(out);
                out.writeInt(pending.size());
                for (Event tombstone : pending) {
                    out.writeLong(tombstone.seq());
                    out.writeLong(tombstone.timestamp());
                    List<String> ids = Tombstone.ids(tombstone);
                    out.writeInt(ids.size());
                    for (String id : ids) {
                        out.writeString(id);
                    }
                }
            }

            @Override
            public void restore(SnapshotInput in) throws IOException {
                synchronized (identities) {
                    names.restore(in);
                    productIds.restore(in);
                    catalogIds.restore(in);
                    identities.restore(in);
                    appliedThrough = in.readLong();
                    forgotten = in.readLong();
                    forgottenIds.restore(in);
                    int count = in.readCount(Integer.MAX_VALUE);
                    for (int i = 0; i < count; i++) {
                        long seq = in.readLong();
                        long time = in.readLong();
                        int idCount = in.readCount(Integer.MAX_VALUE);
                        List<String> ids = new ArrayList<>(idCount);
                        for (int j = 0; j < idCount; j++) {
                            ids.add(in.readString());
                        }
                        Event tombstone = Tombstone.stored(seq, ids, time);
                        pendingRedaction.add(tombstone);
                        unredactedTombstones.add(tombstone);
                    }
                }
            }
        };
    }

    /**
     * Whether a logged event must no longer be shown: a tombstone, or an event that a later
     * tombstone (applied here already) forgot.
     */
    public boolean isForgotten(Event event) {
        return Tombstone.isReserved(event.type()) || forgottenIds.covers(event);
    }

    /** Highest log sequence number applied. */
    public long appliedThrough() {
        return appliedThrough;
    }
}
