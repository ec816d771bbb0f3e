package org.attune.core.recommend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.CandidateRequest;
import org.attune.core.decisioning.CandidateSink;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.decisioning.source.RecentlyViewedSource;
import org.attune.core.decisioning.source.TrendingSource;
import org.attune.core.popularity.Popularity;
import org.attune.core.popularity.RecommendationSettings;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileSnapshot;
import org.attune.core.profile.Symbols;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * Answers recommendation requests with the built-in strategies, from memory: the live
 * catalog, live profiles and {@link Popularity}. Trending and recently viewed walk the same
 * products as decisioning's sources of those types ({@link TrendingSource},
 * {@link RecentlyViewedSource}); top affinity is its own. A product that is unavailable or no
 * longer in the catalog is never returned. Thread-safe.
 */
public final class Recommender {
    private static final Definitions.Source RECENTLY_VIEWED = new Definitions.Source(
            Definitions.SourceType.RECENTLY_VIEWED, null, null);

    private final CatalogService catalogs;
    private final LiveProfiles profiles;
    private final Popularity popularity;
    private final Clock clock;
    private final TrendingSource trending;
    private final RecentlyViewedSource recentlyViewed = new RecentlyViewedSource();

    /**
     * A request.
     *
     * @param catalog catalog id
     * @param strategy how to rank
     * @param personId a user id or anonymous id, or null (only for trending)
     * @param category for trending: only products of this category value, or null
     * @param count how many products, 1 to {@link RecommendationSettings#maxCount()}
     */
    public record Request(String catalog, BuiltInStrategy strategy, String personId, String category, int count) {
    }

    public Recommender(CatalogService catalogs, LiveProfiles profiles, Popularity popularity, Clock clock) {
        this.catalogs = catalogs;
        this.profiles = profiles;
        this.popularity = popularity;
        this.clock = clock;
        this.trending = new TrendingSource(catalogs, popularity);
    }

    /**
     * @throws NotFoundException for an unknown catalog or person
     * @throws InvalidInputException for a count out of range, or a strategy that needs a person without one
     */
    public Recommendations recommend(Request request) {
        RecommendationSettings settings = popularity.settings();
        List<Problem> problems = new ArrayList<>();
        if (request.count() < 1 || request.count() > settings.maxCount()) {
            problems.add(new Problem("count", "invalid_count", "count must be between 1 and " + settings.maxCount()));
        }
        if (request.strategy().needsPerson() && request.personId() == null) {
            problems.add(new Problem("userId", "person_required", "strategy '" + request.strategy().jsonName()
                    + "' needs the person: give userId or anonymousId"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_request", "The recommendation request has " + problems.size()
                    + " problem(s)", problems);
        }
        if (!catalogs.exists(request.catalog())) {
            throw new NotFoundException("catalog_not_found", "No catalog '" + request.catalog() + "'");
        }
        long now = clock.millis();
        Long personId = null;
        Optional<LiveProfiles.Interests> interests = Optional.empty();
        if (request.personId() != null && request.strategy().needsPerson()) {
            interests = profiles.interests(request.personId(), clock.instant(), settings.affinityValues());
            if (interests.isEmpty()) {
                throw new NotFoundException("profile_not_found", "No person is known by the anonymous id or user id '"
                        + request.personId() + "'");
            }
        }
        if (request.personId() != null) {
            personId = profiles.personId(request.personId()).orElse(null);
        }
        List<Recommendations.Item> items = switch (request.strategy()) {
            case TRENDING -> trending(request, now);
            case RECENTLY_VIEWED -> recentlyViewed(request, interests.orElseThrow());
            case TOP_AFFINITY -> topAffinity(request, interests.orElseThrow());
        };
        return new Recommendations(UUID.randomUUID().toString(), request.catalog(), request.strategy(), personId,
                List.copyOf(items));
    }

    private Optional<Product> available(String catalog, String productId) {
        return catalogs.product(catalog, productId).filter(Product::available);
    }

    /** The trending products, available ones only, with their decayed scores now. */
    private List<Recommendations.Item> trending(Request request, long now) {
        Popularity.Ranking ranking = popularity.ranking(request.catalog());
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        trending.walk(request.catalog(), ranking, request.category(), (place, id, product) -> {
            if (product != null && product.available()) {
                items.add(new Recommendations.Item(id, ranking.trendingScore(place, now), "trending", List.of()));
            }
            return items.size() < request.count();
        });
        return items;
    }

    /** The person's recently viewed products, available ones only, scored as the source scores them. */
    private List<Recommendations.Item> recentlyViewed(Request request, LiveProfiles.Interests interests) {
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        CandidateSink availableOnly = new CandidateSink() {
            @Override
            public void add(String productId, double score) {
                if (items.size() < request.count() && available(request.catalog(), productId).isPresent()) {
                    items.add(new Recommendations.Item(productId, score, "recently_viewed", List.of()));
                }
            }

            @Override
            public void add(String productId, double score, Product product) {
                add(productId, score);
            }

            @Override
            public void warn(String message) {
                throw new IllegalStateException(message);
            }

            @Override
            public void expressionFailed(String part) {
                throw new IllegalStateException("no expression is evaluated for recently viewed products");
            }
        };
        recentlyViewed.collect(RECENTLY_VIEWED, new BuiltInRequest(request.catalog(), interests.recentlyViewed()),
                request.count(), availableOnly);
        return items;
    }

    /** What the recently viewed source reads of a request here: the catalog and the person's views. */
    private record BuiltInRequest(String catalog, List<String> recentlyViewed) implements CandidateRequest {
        @Override
        public DecisioningDefinitions.Compiled definitions() {
            return null;
        }

        @Override
        public LiveProfiles.Person person() {
            return null;
        }

        @Override
        public ProfileSnapshot profile() {
            return null;
        }

        @Override
        public String contextProduct() {
            return null;
        }

        @Override
        public String category() {
            return null;
        }
    }

    /**
     * Scores the best sellers of each of the person's strongest values by the summed
     * affinity of the values they match, ties broken by sales rank; fills up with best
     * sellers when too few products match. Works on primitive arrays and keeps only the
     * best {@code count} (a request touches up to 12 x 500 candidates and must stay well
     * under a millisecond).
     */
    private List<Recommendations.Item> topAffinity(Request request, LiveProfiles.Interests interests) {
        Popularity.Ranking ranking = popularity.ranking(request.catalog());
        int perValue = popularity.settings().candidatesPerValue();
        int[] keys = new int[interests.affinities().size()];
        double[] strengths = new double[keys.length];
        int values = 0;
        for (Map.Entry<Integer, Double> affinity : interests.affinities()) {
            if (ranking.postings().containsKey(affinity.getKey())) {
                keys[values] = affinity.getKey();
                strengths[values++] = affinity.getValue();
            }
        }
        TopScores top = new TopScores(request.count());
        int[] seen = new int[Integer.highestOneBit(Math.max(1, values * perValue)) * 4];
        for (int v = 0; v < values; v++) {
            int[] postings = ranking.postings().get(keys[v]);
            for (int i = 0; i < postings.length && i < perValue; i++) {
                int index = postings[i];
                if (!firstSight(seen, index)) {
                    continue;
                }
                double score = 0;
                for (int key : ranking.affinityKeys()[index]) {
                    for (int k = 0; k < values; k++) {
                        if (keys[k] == key) {
                            score += strengths[k];
                        }
                    }
                }
                if (top.wouldTake(score, index) && available(request.catalog(), ranking.bestSellers()[index]).isPresent()) {
                    top.add(score, index);
                }
            }
        }
        Symbols names = profiles.names();
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        Set<String> taken = new HashSet<>();
        for (int t = 0; t < top.size; t++) {
            int index = top.indexes[t];
            List<String> matched = new ArrayList<>(2);
            for (int key : ranking.affinityKeys()[index]) {
                for (int k = 0; k < values; k++) {
                    if (keys[k] == key) {
                        matched.add(names.name(key).replace('\u001F', ':'));
                    }
                }
            }
            String id = ranking.bestSellers()[index];
            items.add(new Recommendations.Item(id, top.scores[t], "affinity", List.copyOf(matched)));
            taken.add(id);
        }
        for (int i = 0; i < ranking.bestSellers().length && items.size() < request.count(); i++) {
            String id = ranking.bestSellers()[i];
            if (!taken.contains(id) && available(request.catalog(), id).isPresent()) {
                items.add(new Recommendations.Item(id, 0, "best_seller", List.of()));
            }
        }
        return items;
    }

    /** Adds {@code index} to an open-addressing set of non-negative ints; false when it was there. */
    private static boolean firstSight(int[] table, int index) {
        int mask = table.length - 1;
        int slot = (index * 0x9E3779B9) & mask;
        int stored = index + 1;
        while (table[slot] != 0) {
            if (table[slot] == stored) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = stored;
        return true;
    }

    /** The best entries by score, then by lower index (better sales rank), kept in order. */
    private static final class TopScores {
        final double[] scores;
        final int[] indexes;
        int size;

        TopScores(int capacity) {
            scores = new double[capacity];
            indexes = new int[capacity];
        }

        private static boolean before(double score, int index, double otherScore, int otherIndex) {
            return score > otherScore || (score == otherScore && index < otherIndex);
        }

        boolean wouldTake(double score, int index) {
            return score > 0 && (size < scores.length || before(score, index, scores[size - 1], indexes[size - 1]));
        }

        void add(double score, int index) {
            int at = Math.min(size, scores.length - 1);
            while (at > 0 && before(score, index, scores[at - 1], indexes[at - 1])) {
                at--;
            }
            int moved = Math.min(size, scores.length - 1) - at;
            System.arraycopy(scores, at, scores, at + 1, moved);
            System.arraycopy(indexes, at, indexes, at + 1, moved);
            scores[at] = score;
            indexes[at] = index;
            size = Math.min(size + 1, scores.length);
        }
    }
}
