package org.attune.server.studio;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.outcome.Outcomes;
import org.attune.core.outcome.ReportQuery;
import org.attune.core.validation.Echo;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * A catalog's home in the studio: what its answers earned over the last days (impressions,
 * clicks, CTR, purchases and revenue per placement, personalized against fallback answers, the
 * fallback rate, the top products, a table per placement and strategy), or, before any of it
 * arrived, which events to send. {@code /studio/catalogs/{c}} leads here.
 */
public final class OverviewPage implements StudioPage {
    /**
     * The ranges offered, each ending with the current period: hours for the short ones, where
     * days would be one or two points, days for the rest.
     */
    enum Range {
        LAST_24_HOURS("24h", "Last 24 hours", true, 24),
        LAST_2_DAYS("48h", "Last 2 days", true, 48),
        LAST_7_DAYS("7d", "Last 7 days", false, 7),
        LAST_30_DAYS("30d", "Last 30 days", false, 30);

        static final Range DEFAULT = LAST_7_DAYS;

        final String param;
        final String label;
        final boolean hourly;
        final int periods;

        Range(String param, String label, boolean hourly, int periods) {
            this.param = param;
            this.label = label;
            this.hourly = hourly;
            this.periods = periods;
        }

        static Range of(String param) {
            if (param == null || param.isBlank()) {
                return DEFAULT;
            }
            for (Range range : values()) {
                if (range.param.equals(param)) {
                    return range;
                }
            }
            List<String> known = new ArrayList<>();
            for (Range range : values()) {
                known.add(range.param);
            }
            throw new InvalidInputException("invalid_range", "There is no range '" + Echo.of(param) + "'",
                    List.of(new Problem("range", "invalid_range", "range is one of " + String.join(", ", known))));
        }

        /** [from, to): the {@link #periods} periods up to the end of the one that holds {@code now}. */
        long[] bounds(long now) {
            long step = hourly ? ReportQuery.HOUR : ReportQuery.DAY;
            long to = Math.floorDiv(now, step) * step + step;
            return new long[] {to - periods * step, to};
        }
    }

    private final CatalogService catalogs;
    private final OutcomeOverview overview;
    private final Clock clock;

    /**
     * @param lagEvents events acknowledged but not yet attributed
     * @param purchaseType the event type that counts as a purchase, for the example of the empty state
     */
    public OverviewPage(CatalogService catalogs, Outcomes outcomes, DecisioningDefinitions definitions,
                        LongSupplier lagEvents, String purchaseType, Clock clock) {
        this.catalogs = catalogs;
        this.overview = new OutcomeOverview(outcomes, catalogs, definitions, lagEvents, purchaseType);
        this.clock = clock;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(
                ApiRoute.get("/studio/catalogs/{catalog}").access(Access.STUDIO).tag("Studio")
                        .summary("A catalog's home: on to its overview")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(303, "On to /studio/catalogs/{catalog}/overview", "text/html")
                        .handle(studio.signedIn((ctx, session) -> ctx.redirect("/studio/catalogs/"
                                + Studio.encode(ctx.pathParam("catalog")) + "/overview",
                                io.javalin.http.HttpStatus.SEE_OTHER))),
                ApiRoute.get("/studio/catalogs/{catalog}/overview").access(Access.STUDIO).tag("Studio")
                        .summary("A catalog's overview: impressions, clicks, CTR, purchases and revenue per placement,"
                                + " personalized against fallback answers, the fallback rate, top products, a"
                                + " table per placement and strategy (the figures of GET /v1/reports)")
                        .pathParam("catalog", "Catalog id")
                        .queryParam("range", "string", "24h or 48h (by hour), 7d (the default) or 30d (by day),"
                                + " each up to the end of the current hour or UTC day")
                        .textResponse(200, "The page; which events to send where nothing was answered or seen",
                                "text/html")
                        .textResponse(400, "An unknown range", "text/html")
                        .textResponse(404, "No such catalog", "text/html")
                        .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("overview",
                                "Overview", ctx.path(), session, model(ctx))))));
    }

    private Map<String, Object> model(Context ctx) {
        String id = ctx.pathParam("catalog");
        if (!catalogs.exists(id)) {
            throw new NotFoundException("catalog_not_found", "There is no catalog '" + Echo.of(id) + "'");
        }
        Catalog catalog = catalogs.catalog(id);
        Range range = Range.of(ctx.queryParam("range"));
        long[] bounds = range.bounds(clock.millis());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog.id());
        model.put("name", catalog.name());
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (Range r : Range.values()) {
            ranges.add(Map.of("param", r.param, "label", r.label, "selected", r == range));
        }
        model.put("ranges", ranges);
        model.put("rangeLabel", range.label);
        model.put("hourly", range.hourly);
        model.putAll(overview.view(catalog, bounds[0], bounds[1], range.hourly, Studio.serverUrl(ctx)));
        return model;
    }
}
