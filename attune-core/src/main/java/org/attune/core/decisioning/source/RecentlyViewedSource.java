package org.attune.core.decisioning.source;

import java.util.List;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.CandidateSource;
import org.attune.core.decisioning.Definitions;

/**
 * {@code recently_viewed}: the person's own recently viewed products, newest first, scored
 * 1 ÷ (1 + place) (1 for the newest). The profile keeps few, so all are proposed whatever the
 * limit. Proposes nothing without a person. Also the built-in strategy {@code recently_viewed}
 * of {@code GET /v1/recommendations}.
 */
public final class RecentlyViewedSource implements CandidateSource {

    @Override
    public String name() {
        return Definitions.SourceType.RECENTLY_VIEWED.jsonName();
    }

    @Override
    public boolean collect(Definitions.Source source, CandidateRequest request, int limit, CandidateSink sink) {
        List<String> viewed = request.recentlyViewed();
        for (int i = 0; i < viewed.size(); i++) {
            sink.add(viewed.get(i), 1.0 / (1 + i));
        }
        return false;
    }
}
