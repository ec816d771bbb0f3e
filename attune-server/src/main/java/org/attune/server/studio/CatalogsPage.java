package org.attune.server.studio;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.CatalogStats;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.personalization.PersonalizationSetup;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.personalization.SetupStatus;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * The studio's first page: every catalog with its products, churn over the last 7 days,
 * events, and where its personalization stands as a badge; deactivation where allowed, and
 * the reasons where not.
 */
public final class CatalogsPage implements StudioPage {
    /** The churn window shown, in days. */
    static final int CHURN_DAYS = 7;

    private final CatalogService catalogs;
    private final PersonalizationSetups setups;
    private final DataDictionary dictionary;

    public CatalogsPage(CatalogService catalogs, PersonalizationSetups setups, DataDictionary dictionary) {
        this.catalogs = catalogs;
        this.setups = setups;
        this.dictionary = dictionary;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(
                ApiRoute.get("/studio").access(Access.STUDIO).tag("Studio")
                        .summary("Catalogs: products, churn, events and personalization status of each")
                        .textResponse(200, "The page", "text/html")
                        .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("catalogs",
                                "Catalogs", ctx.path(), session, model(ctx.queryParam("done")))))),
                ApiRoute.post("/studio/catalogs/{catalog}/deactivate").access(Access.STUDIO).tag("Studio")
                        .summary("Deactivates a catalog's personalization (as POST .../personalization/deactivate)")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(303, "Deactivated; back to the catalogs", "text/html")
                        .textResponse(409, "Something blocks it (enabled rules, say): the reasons", "text/html")
                        .handle(studio.signedIn((ctx, session) -> deactivate(ctx))));
    }

    private void deactivate(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        setups.deactivate(catalog);
        Studio.redirectDone(ctx, "/studio", "Personalization of " + catalog + " is deactivated.");
    }

    Map<String, Object> model(String done) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Catalog catalog : catalogs.list()) {
            CatalogStats stats = catalogs.stats(catalog.id(), CHURN_DAYS);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", catalog.id());
            row.put("name", catalog.name());
            row.put("products", String.format("%,d", stats.products()));
            row.put("available", String.format("%,d", stats.availableProducts()));
            row.put("churn", String.format("%.1f%%", stats.churn() * 100));
            row.put("events", String.format("%,d", dictionary.events(catalog.id())));
            PersonalizationSetup setup = setups.find(catalog.id()).orElse(null);
            Status status = Status.of(setup == null ? null : setup.status());
            row.put("status", status.label);
            row.put("badge", status.badge);
            row.put("canSetUp", setup == null || setup.status() == SetupStatus.DEACTIVATED);
            if (setup != null && setup.status() != SetupStatus.DEACTIVATED) {
                row.put("model", setup.modelId());
                PersonalizationPage.putDeactivation(row, setups, catalog.id());
            }
            rows.add(row);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalogs", rows);
        model.put("windowDays", CHURN_DAYS);
        if (done != null && !done.isBlank()) {
            model.put("done", done);
        }
        return model;
    }

    /** The badge a status shows: its words and its colour (a CSS class). */
    enum Status {
        NOT_SET_UP("not set up", "grey"),
        SETUP_IN_PROGRESS("setup in progress", "blue"),
        VIABILITY_ASSESSMENT("viability assessment", "blue"),
        VIABLE("viable", "green"),
        VIABLE_NEEDS_IMPROVEMENT("viable, needs improvement", "yellow"),
        NOT_VIABLE("not viable", "red"),
        ASSESSMENT_FAILED("assessment failed", "red"),
        READY_FOR_ACTIVATION("ready for activation", "green"),
        SETUP_FAILED("setup failed", "red"),
        ACTIVE("active", "active"),
        DEACTIVATED("deactivated", "grey");

        final String label;
        final String badge;

        Status(String label, String badge) {
            this.label = label;
            this.badge = badge;
        }

        static Status of(SetupStatus status) {
            return status == null ? NOT_SET_UP : valueOf(status.name());
        }
    }
}
