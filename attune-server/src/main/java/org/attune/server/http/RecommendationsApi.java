package org.attune.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.Definitions;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.ServedAnswer;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.recommend.Recommendations;
import org.attune.core.recommend.Recommender;
import org.attune.core.recommend.BuiltInStrategy;
import org.attune.core.training.ModelRecommender;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/** Handlers for recommendations. */
final class RecommendationsApi {
    static final int DEFAULT_COUNT = 10;

    private final Recommender recommender;
    private final ModelRecommender models;
    private final LiveProfiles profiles;
    private final CatalogService catalogs;
    private final int maxCount;
    private final AnswerRecorder answers;
    private final Clock clock;

    RecommendationsApi(Recommender recommender, ModelRecommender models, LiveProfiles profiles,
                       CatalogService catalogs, int maxCount, AnswerRecorder answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
        this.recommender = recommender;
        this.models = models;
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.maxCount = maxCount;
    }

    void get(Context ctx) {
        if (ctx.queryParam("model") != null) {
            byModel(ctx);
            return;
        }
        List<Problem> problems = new ArrayList<>();
        String catalog = ctx.queryParam("catalog");
        if (catalog == null || catalog.isEmpty()) {
            problems.add(new Problem("catalog", "missing_parameter", "catalog is required"));
        }
        String strategyName = ctx.queryParam("strategy");
        BuiltInStrategy strategy = strategyName == null ? null
                : BuiltInStrategy.fromJsonName(strategyName).orElse(null);
        if (strategy == null) {
            problems.add(new Problem("strategy", "invalid_strategy", "strategy must be one of "
                    + Arrays.stream(BuiltInStrategy.values()).map(BuiltInStrategy::jsonName).toList() + ", got "
                    + (strategyName == null ? "nothing" : "'" + strategyName + "'")));
        }
        int count = count(ctx, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_request", "The recommendation request has " + problems.size()
                    + " problem(s)", problems);
        }
        String person = profiles.requestId(ctx.queryParam("userId"), ctx.queryParam("anonymousId"));
        Recommendations result = recommender.recommend(new Recommender.Request(catalog, strategy, person,
                ctx.queryParam("category"), count));
        List<String> ids = result.items().stream().map(Recommendations.Item::id).toList();
        double[] scores = result.items().stream().mapToDouble(Recommendations.Item::score).toArray();
        String recId = logged(new AnswerDimensions(AnswerDimensions.RECOMMENDATIONS, catalog, channel(ctx), "",
                strategy.jsonName(), AnswerDimensions.PERSONALIZED, ""), person, result.personId(), ids, scores);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recId", recId);
        json.put("catalog", result.catalog());
        json.put("strategy", result.strategy().jsonName());
        json.put("personId", result.personId());
        List<Map<String, Object>> items = new ArrayList<>(result.items().size());
        for (Recommendations.Item item : result.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", item.id());
            entry.put("score", item.score());
            entry.put("reason", item.reason());
            if (!item.matched().isEmpty()) {
                entry.put("matched", item.matched());
            }
            catalogs.product(result.catalog(), item.id()).ifPresent(p -> entry.put("attributes", p.attributes()));
            items.add(entry);
        }
        json.put("items", items);
        ApiJson.write(ctx, 200, json);
    }

    /** Issues the answer's recId and hands the answer to the decision log. */
    private String logged(AnswerDimensions dimensions, String person, Long personId, List<String> items,
                          double[] scores) {
        long now = clock.millis();
        String recId = answers.issue(dimensions, now);
        answers.served(new ServedAnswer(recId, now, dimensions, person, personId, null, items, scores, 0));
        return recId;
    }

    /** The {@code channel} parameter when it names a known channel (web, mobile, email), else "". */
    private static String channel(Context ctx) {
        return Definitions.named(Definitions.Channel.values(), ctx.queryParam("channel"))
                .map(Definitions.Channel::jsonName).orElse("");
    }

    private int count(Context ctx, List<Problem> problems) {
        String countText = ctx.queryParam("count");
        if (countText == null) {
            return DEFAULT_COUNT;
        }
        try {
            return Integer.parseInt(countText);
        } catch (NumberFormatException e) {
            problems.add(new Problem("count", "invalid_count", "count must be an integer from 1 to " + maxCount
                    + ", got '" + countText + "'"));
            return DEFAULT_COUNT;
        }
    }

    /** GET /v1/recommendations?model=...: a running model's active version answers. */
    private void byModel(Context ctx) {
        List<Problem> problems = new ArrayList<>();
        int count = count(ctx, problems);
        if (problems.isEmpty() && (count < 1 || count > maxCount)) {
            problems.add(new Problem("count", "invalid_count", "count must be between 1 and " + maxCount));
        }
        String exclude = ctx.queryParam("excludeInteracted");
        if (exclude != null && !exclude.equals("true") && !exclude.equals("false")) {
            problems.add(new Problem("excludeInteracted", "invalid_boolean", "excludeInteracted must be true or"
                    + " false, got '" + exclude + "'"));
        }
        if (ctx.queryParam("strategy") != null) {
            problems.add(new Problem("strategy", "strategy_with_model", "give either model or strategy, not both"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_request", "The recommendation request has " + problems.size()
                    + " problem(s)", problems);
        }
        String userId = ctx.queryParam("userId");
        String anonymousId = ctx.queryParam("anonymousId");
        String person = profiles.requestId(userId, anonymousId);
        ModelRecommender.Answer answer = models.recommend(new ModelRecommender.Request(ctx.queryParam("model"),
                person, ctx.queryParam("itemId"),
                count, !"false".equals(exclude), ctx.queryParam("category")));
        List<String> ids = answer.items().stream().map(ModelRecommender.Item::id).toList();
        double[] scores = answer.items().stream().mapToDouble(ModelRecommender.Item::score).toArray();
        String recId = logged(new AnswerDimensions(AnswerDimensions.RECOMMENDATIONS, answer.catalog(), channel(ctx),
                "", "", AnswerDimensions.PERSONALIZED, answer.modelId() + "@" + answer.version()), person,
                answer.personId(), ids, scores);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("recId", recId);
        json.put("model", answer.modelId());
        json.put("version", answer.version());
        json.put("kind", answer.kind());
        json.put("catalog", answer.catalog());
        json.put("personId", answer.personId());
        List<Map<String, Object>> items = new ArrayList<>(answer.items().size());
        for (ModelRecommender.Item item : answer.items()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", item.id());
            entry.put("score", item.score());
            if (!item.matched().isEmpty()) {
                entry.put("matched", item.matched());
            }
            entry.put("attributes", item.product().attributes());
            items.add(entry);
        }
        json.put("items", items);
        ApiJson.write(ctx, 200, json);
    }
}
