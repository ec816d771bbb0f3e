package org.attune.server.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.attune.core.outcome.AnswerRecorder;
import org.attune.core.outcome.Outcomes;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.engine.DecisionEngine;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.EventValidator;
import org.attune.core.eventlog.EventLog;
import org.attune.core.ingest.EventIngestor;
import org.attune.core.model.ModelService;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProfileEraser;
import org.attune.core.recommend.Recommender;
import org.attune.core.security.Accounts;
import org.attune.core.security.ApiKeys;
import org.attune.core.training.ModelRecommender;
import org.attune.core.training.ModelTraining;

/**
 * Every route the server answers, assembled from the route file of each area ({@code SystemRoutes},
 * {@code EventsRoutes}, {@code CatalogsRoutes}, ... each declaring its routes with their
 * documentation), then the studio's routes (declared by the studio in the same way). This list is
 * what the server registers and what {@code GET /openapi.json} describes, in this order.
 */
public final class ApiRoutes {
    private final List<ApiRoute> routes;

    /**
     * Whether the server can take traffic, as the wiring sees it; answered by {@code GET /health}.
     *
     * @param ready whether the server can take traffic
     * @param degraded whether, while ready, a part behind the requests is failing or far behind (the
     *     queryable event store): answers still work but may be stale
     * @param reason why not ready or degraded, or null
     * @param details figures for operators
     */
    public record Health(boolean ready, boolean degraded, String reason, Map<String, Object> details) {
        /** Ready or not, never degraded. */
        public Health(boolean ready, String reason, Map<String, Object> details) {
            this(ready, false, reason, details);
        }
    }

    /**
     * The services behind the profile and recommendation routes.
     *
     * @param profiles live profiles
     * @param eraser carries out privacy deletions
     * @param recommender the first strategies
     * @param maxCount the largest count a recommendation request may ask for
     * @param clock the server's clock
     */
    public record PersonServices(LiveProfiles profiles, ProfileEraser eraser, Recommender recommender, int maxCount,
                                 Clock clock) {
    }

    /**
     * The services behind the model routes.
     *
     * @param models model definitions
     * @param training the lifecycle: provisioning, retraining, stopping, versions
     * @param recommender answers with a running model
     * @param setups the personalization setup of each catalog
     */
    public record ModelServices(ModelService models, ModelTraining training, ModelRecommender recommender,
                                PersonalizationSetups setups) {
    }

    /**
     * The services behind decisioning.
     *
     * @param definitions collections, strategies, placements and rules
     * @param engine answers decisions and re-ranks
     */
    public record DecisioningServices(DecisioningDefinitions definitions, DecisionEngine engine) {
    }

    /**
     * The services behind what answers earned.
     *
     * @param outcomes the decision log, attribution and reports
     * @param answers where recommendations get recIds and log answers (counted for metrics, then {@code outcomes})
     * @param lagEvents durable events not yet attributed
     */
    public record OutcomeServices(Outcomes outcomes, AnswerRecorder answers, LongSupplier lagEvents) {
    }

    public ApiRoutes(EventIngestor ingestor, EventLog log, CatalogService catalogs, ApiKeys keys, Accounts accounts,
                     DataDictionary dictionary, PersonServices people, ModelServices modelServices,
                     DecisioningServices decisioningServices, OutcomeServices outcomeServices, ApiMetrics metrics,
                     Supplier<Health> health, List<ApiRoute> studio) {
        SystemApi system = new SystemApi(health, metrics, dictionary);
        EventsApi events = new EventsApi(ingestor, log, metrics, people.profiles()::isForgotten);
        RecommendationsApi recommendations = new RecommendationsApi(people.recommender(), modelServices.recommender(),
                people.profiles(), catalogs, people.maxCount(), outcomeServices.answers(), people.clock());
        DecisioningApi decisioning = new DecisioningApi(decisioningServices.definitions(),
                decisioningServices.engine(), new EventValidator(ingestor.limits(), catalogs::exists),
                people.profiles(), catalogs, people.clock());
        List<ApiRoute> all = new ArrayList<>();
        all.addAll(SystemRoutes.routes(system));
        all.addAll(EventsRoutes.routes(events, system, ingestor.limits()));
        all.addAll(CatalogsRoutes.routes(new CatalogsApi(catalogs)));
        all.addAll(ProfilesRoutes.routes(new ProfilesApi(people.profiles(), people.eraser(), people.clock())));
        all.addAll(RecommendationsRoutes.routes(recommendations));
        all.addAll(ModelsRoutes.routes(new ModelsApi(modelServices.models(), modelServices.training(),
                modelServices.setups())));
        all.addAll(PersonalizationRoutes.routes(new PersonalizationApi(modelServices.setups())));
        all.addAll(KeysRoutes.routes(new KeysApi(keys, catalogs::exists)));
        all.addAll(AccountsRoutes.routes(new AccountsApi(accounts)));
        all.addAll(DecisioningRoutes.routes(decisioning));
        all.addAll(ReportsRoutes.routes(new ReportsApi(outcomeServices.outcomes(), catalogs,
                outcomeServices.lagEvents(), people.clock())));
        all.addAll(studio);
        routes = List.copyOf(all);
        system.setOpenApi(new OpenApiDocument().render(routes));
    }

    public List<ApiRoute> routes() {
        return routes;
    }
}
