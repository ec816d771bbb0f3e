package org.attune.core.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.event.Event;

/**
 * Every person's live profile, updated as durable events arrive (in log order, on one
 * thread) and read by request threads. At start the whole log is replayed through
 * {@link #apply}; the profiles are not snapshotted yet, so a restart costs a replay.
 * Thread-safe.
 */
public final class LiveProfiles {
    private final ProductFacts products;
    private final ProfileSettings settings;
    private final IdentityGraph identities = new IdentityGraph();
    private final Map<Long, Profile> profiles = new ConcurrentHashMap<>();
    private volatile long appliedThrough;

    /**
     * A person with their profile as of a moment.
     *
     * @param person the person's ids and identity links
     * @param profile computed state
     */
    public record View(IdentityGraph.Person person, ProfileSnapshot profile) {
    }

    public LiveProfiles(ProductFacts products, ProfileSettings settings) {
        this.products = products;
        this.settings = settings;
    }

    public ProfileSettings settings() {
        return settings;
    }

    public void applyAll(List<Event> events) {
        for (Event event : events) {
            apply(event);
        }
    }

    public void apply(Event event) {
        Profile profile;
        synchronized (identities) {
            List<Long> absorbed = new ArrayList<>(0);
            long personId = identities.apply(event, absorbed::add);
            profile = profiles.computeIfAbsent(personId, Profile::new);
            for (long gone : absorbed) {
                Profile other = profiles.remove(gone);
                if (other != null) {
                    profile.absorb(other, settings);
                }
            }
        }
        profile.apply(event, products, settings);
        appliedThrough = Math.max(appliedThrough, event.seq());
    }

    /** The person with this anonymous id or user id, as of {@code now}. */
    public Optional<View> find(String id, Instant now) {
        IdentityGraph.Person person;
        Profile profile;
        synchronized (identities) {
            Optional<IdentityGraph.Person> found = identities.find(id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            person = found.get();
            profile = profiles.get(person.id());
        }
        if (profile == null) {
            return Optional.empty();
        }
        return Optional.of(new View(person, profile.snapshot(now, settings)));
    }

    /** People known. */
    public int size() {
        return profiles.size();
    }

    /** Highest log sequence number applied. */
    public long appliedThrough() {
        return appliedThrough;
    }
}
