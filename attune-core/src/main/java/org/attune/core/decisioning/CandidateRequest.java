package org.attune.core.decisioning;

import java.util.List;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;

/**
 * What a {@link CandidateSource} may read of the request it proposes candidates for: the
 * catalog, the person and the page. A request's own, read on one thread; values that cost
 * something to build (the profile) are built on the first ask and kept.
 */
public interface CandidateRequest {

    /** The catalog asked for. */
    String catalog();

    /** The catalog's definitions, compiled (collections and their filters); null outside decisions. */
    DecisioningDefinitions.Compiled definitions();

    /**
     * The person's profile, live or built for a preview, for sources that ask a model about the
     * person; null for a visitor nobody knows yet, and for the built-in strategies of
     * {@code GET /v1/recommendations}, which read only {@link #recentlyViewed()}.
     */
    LiveProfiles.Person person();

    /** Everything about the person as of the request; null when {@link #person()} is. */
    ProfileSnapshot profile();

    /** The person's recently viewed products, newest first; empty for a visitor nobody knows yet. */
    List<String> recentlyViewed();

    /** The product of the page (related products are asked for it), or null. */
    String contextProduct();

    /** The category of the page (trending is kept to it), or null. */
    String category();
}
