package org.attune.core.decisioning.engine;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.DisplayHistory;
import org.attune.core.decisioning.Expressions;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;

/**
 * One decision request's reading of the person and the page, shared by its placements and
 * strategies: read once, on the first ask. Also what candidate sources read of the request.
 * Not thread-safe: a request's own.
 */
final class RequestScope implements CandidateRequest {
    /** The profile expressions read for a visitor nobody knows: no events, no affinities. */
    private static final ProfileSnapshot EMPTY_PROFILE = new ProfileSnapshot(0, List.of(), Map.of(), null, null,
            Map.of(), new ProfileSnapshot.Rfm(null, 0, 0, 0), List.of(), List.of(), List.of());

    final DecisioningDefinitions.Compiled compiled;
    final Decision.Request request;
    final long now;
    /** The evaluation steps all of this request's expressions may take together. */
    final Expressions.RequestBudget expressionBudget = new Expressions.RequestBudget();
    final LiveProfiles.Person person;
    /** Whom showings are recorded and counted for: {@code p:} and the person id, {@code a:} and an id, or null. */
    final String personKey;
    /** The products placed by the request's earlier placements. */
    final Set<String> used = new HashSet<>();
    final LiveProducts live;
    final String contextProduct;
    final String category;
    final Map<String, Object> contextFields;
    private ProfileSnapshot snapshot;
    private Map<String, Object> profileFields;

    RequestScope(DecisioningDefinitions.Compiled compiled, Decision.Request request, LiveProfiles profiles,
                 CatalogService catalogs, long now) {
        this.compiled = compiled;
        this.request = request;
        this.now = now;
        this.person = person(profiles, request.person());
        Decision.Person asked = request.person();
        this.personKey = DisplayHistory.key(person == null ? null : person.personId(),
                asked != null && asked.events() == null ? asked.id() : null);
        this.live = catalogs.liveProducts(request.catalog());
        this.contextProduct = blankIsNull(request.context().get("product"));
        this.category = blankIsNull(request.context().get("category"));
        this.contextFields = Expressions.contextFields(request.context());
    }

    /** The profile a request is for: live by one of the person's ids, built from preview events, or none. */
    static LiveProfiles.Person person(LiveProfiles profiles, Decision.Person person) {
        if (person == null) {
            return null;
        }
        if (person.events() != null) {
            return profiles.synthetic(person.events());
        }
        return person.id() == null ? null : profiles.person(person.id()).orElse(null);
    }

    private static String blankIsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    Long personId() {
        return person == null ? null : person.personId();
    }

    /** The person's computed attributes as {@code profile.*} reads them; an empty profile without a person. */
    Map<String, Object> profileFields() {
        if (profileFields == null) {
            ProfileSnapshot s = profile();
            profileFields = compiled.expressions().profileFields(s == null ? EMPTY_PROFILE : s);
        }
        return profileFields;
    }

    @Override
    public String catalog() {
        return request.catalog();
    }

    @Override
    public DecisioningDefinitions.Compiled definitions() {
        return compiled;
    }

    @Override
    public LiveProfiles.Person person() {
        return person;
    }

    @Override
    public ProfileSnapshot profile() {
        if (snapshot == null && person != null) {
            snapshot = person.snapshot(Instant.ofEpochMilli(now));
        }
        return snapshot;
    }

    @Override
    public List<String> recentlyViewed() {
        return person == null ? List.of() : profile().recentlyViewed();
    }

    @Override
    public String contextProduct() {
        return contextProduct;
    }

    @Override
    public String category() {
        return category;
    }
}
