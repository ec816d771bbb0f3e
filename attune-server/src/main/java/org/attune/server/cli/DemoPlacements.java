package org.attune.server.cli;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.attune.core.decisioning.Decision;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.synthetic.ShopRecommendations;

/**
 * The demo's placements as its simulated shoppers see them: each page the generator renders
 * with a placement is decided in-process by the server's decision engine as of the simulated
 * time, so the answer, its recId and its decision-log entry carry that time and the outcomes
 * the shoppers' impressions and clicks earn land in the reports as live traffic's would. The
 * home page shows {@value #HOME}, a product page {@value #PRODUCT_PAGE} for its product.
 *
 * <p>Before each answer the server has applied every event the generator sent: at each step
 * of the generator's freshness this sends what is held and waits for the live profiles and the
 * attribution to catch up, then hands the step's time to {@code afterStep} (the first step is
 * the end of the shop's history: the demo defines its models and placements there and waits
 * until they serve). Not thread-safe: the generator's thread calls it.
 */
final class DemoPlacements implements ShopRecommendations {
    static final String HOME = "home.recommended_for_you";
    static final String PRODUCT_PAGE = "pdp.also_bought";

    private final DecisionEngine decisions;
    private final LiveProfiles profiles;
    private final String catalog;
    private final DemoEventSender sender;
    private final LongConsumer afterStep;
    private long answers;
    private long empty;

    DemoPlacements(DecisionEngine decisions, LiveProfiles profiles, String catalog, DemoEventSender sender,
                   LongConsumer afterStep) {
        this.decisions = decisions;
        this.profiles = profiles;
        this.catalog = catalog;
        this.sender = sender;
        this.afterStep = afterStep;
    }

    @Override
    public Shown show(Ask ask) {
        boolean home = ask.page() == Page.HOME;
        Decision.Request request = new Decision.Request(catalog,
                new Decision.Person(profiles.requestId(ask.userId(), ask.anonymousId()), null),
                home ? Map.of() : Map.of("product", ask.contextProduct()),
                List.of(new Decision.PlacementAsk(home ? HOME : PRODUCT_PAGE, null)), false, false);
        Decision.PlacementAnswer answer = decisions.decide(request, ask.time()).placements().get(0);
        answers++;
        if (answer.items().isEmpty()) {
            empty++;
            return null;
        }
        return new Shown(answer.recId(), answer.items().stream().map(Decision.Item::id).toList());
    }

    @Override
    public void eventsSentBefore(long time) {
        sender.flushAndAwaitApplied();
        afterStep.accept(time);
    }

    /** Answers given so far (each one a decision logged with its recId). */
    long answers() {
        return answers;
    }

    /** Answers that had no products to show. */
    long emptyAnswers() {
        return empty;
    }
}
