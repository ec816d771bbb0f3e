package org.attune.core.recommend;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.Symbols;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * Answers recommendation requests with the first strategies, from memory: the live
 * catalog, live profiles and {@link Popularity}. A product that is unavailable or no longer
 * in the catalog is never returned. Thread-safe.
 */
public final class Recommender {
    private final CatalogService catalogs;
    private final LiveProfiles profiles;
    private final Popularity popularity;
    private final Clock clock;

    /**
     * A request.
     *
     * @param catalog catalog id
     * @param strategy how to rank
     * @param personId a user id or anonymous id, or null (only for trending)
     * @param category for trending: only products of this category value, or null
     * @param count how many products, 1 to {@link RecommendationSettings#maxCount()}
     */
    public record Request(String catalog, Strategy strategy, String personId, String category, int count) {
    }

    public Recommender(CatalogService catalogs, LiveProfiles profiles, Popularity popularity, Clock clock) {
        this.catalogs = catalogs;
        this.profiles = profiles;
        this.popularity = popularity;
        this.clock = clock;
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
        if (request.personId() != null) {
            interests = profiles.interests(request.personId(), clock.instant(), settings.affinityValues());
            if (interests.isEmpty() && request.strategy().needsPerson()) {
                throw new NotFoundException("profile_not_found", "No person is known by the anonymous id or user id '"
                        + request.personId() + "'");
            }
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

    private List<Recommendations.Item> trending(Request request, long now) {
        Popularity.Ranking ranking = popularity.ranking(request.catalog());
        String categoryAttribute = request.category() == null ? null : categoryAttribute(request.catalog());
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        for (int i = 0; i < ranking.trending().length && items.size() < request.count(); i++) {
            Optional<Product> product = available(request.catalog(), ranking.trending()[i]);
            if (product.isPresent() && (request.category() == null
                    || hasValue(product.get(), categoryAttribute, request.category()))) {
                items.add(new Recommendations.Item(product.get().id(), ranking.trendingScore(i, now), "trending",
                        List.of()));
            }
        }
        return items;
    }

    private String categoryAttribute(String catalog) {
        return catalogs.catalog(catalog).schema().withRole(AttributeRole.CATEGORY).map(AttributeDefinition::name)
                .orElseThrow(() -> new InvalidInputException("no_category_attribute", "Catalog '" + catalog
                        + "' has no attribute with role category, so it cannot be filtered by category"));
    }

    private static boolean hasValue(Product product, String attribute, String value) {
        JsonNode node = product.attributes().get(attribute);
        if (node == null) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (element.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return node.asText().equals(value);
    }

    private List<Recommendations.Item> recentlyViewed(Request request, LiveProfiles.Interests interests) {
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        List<String> viewed = interests.recentlyViewed();
        for (int i = 0; i < viewed.size() && items.size() < request.count(); i++) {
            if (available(request.catalog(), viewed.get(i)).isPresent()) {
                items.add(new Recommendations.Item(viewed.get(i), 1.0 / (1 + i), "recently_viewed", List.of()));
            }
        }
        return items;
    }

    /**
     * Scores the best sellers of each of the person's strongest values by the summed
     * affinity of the values they match, ties broken by sales rank; fills up with best
     * sellers when too few products match.
     */
    private List<Recommendations.Item> topAffinity(Request request, LiveProfiles.Interests interests) {
        Popularity.Ranking ranking = popularity.ranking(request.catalog());
        RecommendationSettings settings = popularity.settings();
        Map<Integer, Double> strength = new HashMap<>();
        for (Map.Entry<Integer, Double> affinity : interests.affinities()) {
            if (ranking.postings().containsKey(affinity.getKey())) {
                strength.put(affinity.getKey(), affinity.getValue());
            }
        }
        Set<Integer> candidates = new HashSet<>();
        for (int key : strength.keySet()) {
            int[] postings = ranking.postings().get(key);
            for (int i = 0; i < postings.length && i < settings.candidatesPerValue(); i++) {
                candidates.add(postings[i]);
            }
        }
        Map<Integer, Double> scores = new HashMap<>(candidates.size() * 2);
        for (int candidate : candidates) {
            double score = 0;
            for (int key : ranking.affinityKeys()[candidate]) {
                score += strength.getOrDefault(key, 0.0);
            }
            scores.put(candidate, score);
        }
        List<Integer> ranked = new ArrayList<>(candidates);
        ranked.sort((a, b) -> {
            int byScore = Double.compare(scores.get(b), scores.get(a));
            return byScore != 0 ? byScore : Integer.compare(a, b);
        });
        Symbols names = profiles.names();
        List<Recommendations.Item> items = new ArrayList<>(request.count());
        Set<String> taken = new HashSet<>();
        for (int index : ranked) {
            if (items.size() == request.count()) {
                break;
            }
            String id = ranking.bestSellers()[index];
            if (available(request.catalog(), id).isPresent()) {
                List<String> matched = new ArrayList<>(2);
                for (int key : ranking.affinityKeys()[index]) {
                    if (strength.containsKey(key)) {
                        matched.add(names.name(key).replace('\u001F', ':'));
                    }
                }
                items.add(new Recommendations.Item(id, scores.get(index), "affinity", List.copyOf(matched)));
                taken.add(id);
            }
        }
        for (int i = 0; i < ranking.bestSellers().length && items.size() < request.count(); i++) {
            String id = ranking.bestSellers()[i];
            if (!taken.contains(id) && available(request.catalog(), id).isPresent()) {
                items.add(new Recommendations.Item(id, 0, "best_seller", List.of()));
            }
        }
        return items;
    }
}
