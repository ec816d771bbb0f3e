package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.attune.core.catalog.CatalogService;
import org.attune.core.outcome.AttributionWindows;
import org.attune.core.outcome.Outcomes;
import org.attune.core.outcome.Report;
import org.attune.core.outcome.ReportQuery;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Echo;
import org.attune.core.validation.Problem;

/** Handlers for the reports of what answers earned, and each catalog's attribution windows. */
final class ReportsApi {
    static final int MAX_PRODUCTS = 100;

    private final Outcomes outcomes;
    private final CatalogService catalogs;
    private final LongSupplier lagEvents;
    private final Clock clock;

    ReportsApi(Outcomes outcomes, CatalogService catalogs, LongSupplier lagEvents, Clock clock) {
        this.outcomes = outcomes;
        this.catalogs = catalogs;
        this.lagEvents = lagEvents;
        this.clock = clock;
    }

    void report(Context ctx) {
        List<Problem> problems = new ArrayList<>();
        String catalog = catalog(ctx, problems);
        long[] range = range(ctx, problems);
        String groupBy = ctx.queryParam("groupBy");
        List<String> groupings = groupBy == null || groupBy.isBlank() ? List.of()
                : Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        String format = format(ctx, problems);
        refuse(problems);
        Report report = outcomes.report(new ReportQuery(range[0], range[1],
                ctx.queryParamAsClass("granularity", String.class).getOrDefault("day"), groupings, catalog),
                lagEvents.getAsLong());
        if ("csv".equals(format)) {
            ctx.status(200).contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"attune-report.csv\"")
                    .result(ReportJson.csv(report));
            return;
        }
        ApiJson.write(ctx, 200, ReportJson.of(report));
    }

    void products(Context ctx) {
        List<Problem> problems = new ArrayList<>();
        String catalog = catalog(ctx, problems);
        long[] range = range(ctx, problems);
        int limit = 10;
        String limitText = ctx.queryParam("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PRODUCTS) {
                problems.add(new Problem("limit", "invalid_limit", "limit must be from 1 to " + MAX_PRODUCTS));
            }
        }
        refuse(problems);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", Instant.ofEpochMilli(range[0]).toString());
        json.put("to", Instant.ofEpochMilli(range[1]).toString());
        json.put("catalog", catalog);
        json.putAll(outcomes.products(range[0], range[1], catalog, limit));
        ApiJson.write(ctx, 200, json);
    }

    void windows(Context ctx) {
        String catalog = existingCatalog(ctx.pathParam("catalog"));
        ApiJson.write(ctx, 200, windows(catalog, outcomes.windows().of(catalog)));
    }

    void putWindows(Context ctx) {
        String catalog = existingCatalog(ctx.pathParam("catalog"));
        JsonNode body = RequestBodies.readJson(ctx);
        List<Problem> problems = new ArrayList<>();
        int click = hours(body, "clickThroughHours", AttributionWindows.DEFAULTS.clickThroughHours(), problems);
        int view = hours(body, "viewThroughHours", AttributionWindows.DEFAULTS.viewThroughHours(), problems);
        refuse(problems);
        AttributionWindows.Windows windows = new AttributionWindows.Windows(click, view);
        try {
            outcomes.windows().put(catalog, windows);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the attribution windows", e);
        }
        ApiJson.write(ctx, 200, windows(catalog, windows));
    }

    private static Map<String, Object> windows(String catalog, AttributionWindows.Windows windows) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("catalog", catalog);
        json.put("clickThroughHours", windows.clickThroughHours());
        json.put("viewThroughHours", windows.viewThroughHours());
        return json;
    }

    private static int hours(JsonNode body, String field, int missing, List<Problem> problems) {
        JsonNode value = body.get(field);
        if (value == null) {
            return missing;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > AttributionWindows.MAX_HOURS) {
            problems.add(new Problem(field, "invalid_window", field + " must be a whole number of hours from 1 to "
                    + AttributionWindows.MAX_HOURS));
            return 1;
        }
        return value.asInt();
    }

    private String existingCatalog(String catalog) {
        if (!catalogs.exists(catalog)) {
            throw new NotFoundException("catalog_not_found", "no catalog '" + catalog + "'");
        }
        return catalog;
    }

    private String catalog(Context ctx, List<Problem> problems) {
        String catalog = ctx.queryParam("catalog");
        if (catalog == null || catalog.isEmpty()) {
            return null;
        }
        if (!catalogs.exists(catalog)) {
            problems.add(new Problem("catalog", "unknown_catalog", "no catalog '" + Echo.of(catalog) + "'"));
        }
        return catalog;
    }

    /** {@code from} and {@code to} as epoch milliseconds: the last {@value ReportQuery#DEFAULT_DAYS} days up to now by default. */
    private long[] range(Context ctx, List<Problem> problems) {
        long now = clock.millis();
        Long to = time(ctx, "to", problems);
        Long from = time(ctx, "from", problems);
        long end = to == null ? now : to;
        long start = from == null ? end - ReportQuery.DEFAULT_DAYS * ReportQuery.DAY : from;
        return new long[] {start, end};
    }

    private static Long time(Context ctx, String name, List<Problem> problems) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        Long time = ReportQuery.time(text);
        if (time == null) {
            problems.add(new Problem(name, "invalid_time", name + " is a date (2026-12-01) or an ISO-8601 time"
                    + " (2026-12-01T10:00:00Z), got '" + Echo.of(text) + "'"));
        }
        return time;
    }

    private static String format(Context ctx, List<Problem> problems) {
        String format = ctx.queryParam("format");
        if (format == null) {
            String accept = ctx.header("Accept");
            return accept != null && accept.contains("text/csv") ? "csv" : "json";
        }
        if (!format.equals("json") && !format.equals("csv")) {
            problems.add(new Problem("format", "invalid_format", "format is json or csv"));
        }
        return format;
    }

    private static void refuse(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_report_request", "The report request has " + problems.size()
                    + " problem(s)", problems);
        }
    }
}
