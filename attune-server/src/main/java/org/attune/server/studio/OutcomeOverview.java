package org.attune.server.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.json.Json;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.Outcomes;
import org.attune.core.outcome.ProductFigures;
import org.attune.core.outcome.Report;
import org.attune.core.outcome.ReportFigures;
import org.attune.core.outcome.ReportQuery;

/**
 * The values of a catalog's overview: what its answers earned over a range, read from
 * {@link Outcomes#report} and {@link Outcomes#products}, the calls behind {@code GET /v1/reports}
 * and {@code /v1/reports/products}, so the page and the API never disagree. Every figure is
 * computed there; this class only picks the rows, fills the periods without figures (0 for a
 * count, a gap for a rate) and writes them for people ({@link FigureText}). The charts go to
 * {@code charts.js} as specs in {@code data-chart} attributes, since the CSP allows no inline
 * script. When nothing was answered, or nothing answered was seen or clicked, the values say
 * which events to send instead of offering empty charts.
 */
final class OutcomeOverview {
    /** Products in each of the top lists. */
    static final int TOP_PRODUCTS = 10;

    private final Outcomes outcomes;
    private final CatalogService catalogs;
    private final DecisioningDefinitions definitions;
    private final LongSupplier lagEvents;
    private final String purchaseType;

    /**
     * @param lagEvents events acknowledged but not yet attributed (the figures will catch up with them)
     * @param purchaseType the event type that counts as a purchase on this server
     */
    OutcomeOverview(Outcomes outcomes, CatalogService catalogs, DecisioningDefinitions definitions,
                    LongSupplier lagEvents, String purchaseType) {
        this.outcomes = outcomes;
        this.catalogs = catalogs;
        this.definitions = definitions;
        this.lagEvents = lagEvents;
        this.purchaseType = purchaseType;
    }

    /**
     * The page's values for the catalog over [from, to), by hour or by day.
     *
     * @param serverUrl the address the examples of the empty states send to
     */
    Map<String, Object> view(Catalog catalog, long from, long to, boolean hourly, String serverUrl) {
        String granularity = hourly ? "hour" : "day";
        long lag = lagEvents.getAsLong();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("period", FigureText.range(from, to, hourly));
        if (lag > 0) {
            values.put("lag", FigureText.count(lag));
        }
        values.put("clickThroughHours", outcomes.windows().of(catalog.id()).clickThroughHours());
        values.put("purchaseType", purchaseType);
        values.put("example", example(catalog.id(), serverUrl));

        Report overall = outcomes.report(new ReportQuery(from, to, granularity, List.of(), catalog.id()), lag);
        ReportFigures total = overall.totals().isEmpty() ? null : overall.totals().get(0).figures();
        if (total == null || total.answers() == 0) {
            values.put("nothingAnswered", true);
            return values;
        }
        List<Long> periods = new ArrayList<>();
        for (long start = overall.query().from(); start < overall.query().to(); start += overall.query().step()) {
            periods.add(start);
        }
        Report byKind = outcomes.report(new ReportQuery(from, to, granularity, List.of("kind"), catalog.id()), lag);
        ReportFigures decisions = byKind.totals().stream()
                .filter(row -> AnswerDimensions.DECISION.equals(row.group().get("kind")))
                .map(Report.Row::figures).findFirst().orElse(null);
        values.put("headline", headline(total, decisions));

        Report byPlacement = outcomes.report(new ReportQuery(from, to, granularity, List.of("kind", "placement"),
                catalog.id()), lag);
        List<Report.Row> placementRows = byPlacement.rows().stream().filter(OutcomeOverview::fromAnswers).toList();
        List<String> placements = byPlacement.totals().stream().filter(OutcomeOverview::fromAnswers)
                .sorted(Comparator.comparingLong((Report.Row row) -> row.figures().answers()).reversed())
                .map(row -> placementLabel(row.group())).toList();
        boolean seen = total.impressions() > 0 || total.clicks() > 0;
        if (seen) {
            values.put("impressionsChart", chart("line", "count", periods, hourly, placements,
                    placementRows, row -> placementLabel(row.group()), ReportFigures::impressions, 0L));
            values.put("clicksChart", chart("line", "count", periods, hourly, placements,
                    placementRows, row -> placementLabel(row.group()), ReportFigures::clicks, 0L));
            values.put("ctrChart", chart("line", "percent", periods, hourly, placements,
                    placementRows, row -> placementLabel(row.group()), f -> percentPoints(f.ctr()), null));
            if (total.purchases() > 0) {
                values.put("purchasesChart", chart("bar", "count", periods, hourly, placements,
                        placementRows, row -> placementLabel(row.group()), ReportFigures::purchases, 0L));
                values.put("revenueChart", chart("bar", "money", periods, hourly, placements,
                        placementRows, row -> placementLabel(row.group()), ReportFigures::revenue, 0.0));
            } else {
                values.put("noPurchases", true);
            }
        } else {
            values.put("nothingSeen", true);
        }

        if (decisions != null && decisions.answers() > 0) {
            Report bySource = outcomes.report(new ReportQuery(from, to, granularity, List.of("kind", "source"),
                    catalog.id()), lag);
            List<Report.Row> decided = bySource.rows().stream()
                    .filter(row -> AnswerDimensions.DECISION.equals(row.group().get("kind"))).toList();
            values.put("sourceChart", chart("bar", "count", periods, hourly,
                    List.of(AnswerDimensions.PERSONALIZED, AnswerDimensions.FALLBACK), decided,
                    row -> row.group().get("source"), ReportFigures::answers, 0L).put("stacked", true));
            List<Report.Row> decidedPeriods = byKind.rows().stream()
                    .filter(row -> AnswerDimensions.DECISION.equals(row.group().get("kind"))).toList();
            values.put("fallbackChart", chart("line", "percent", periods, hourly, List.of("fallback rate"),
                    decidedPeriods, row -> "fallback rate", f -> percentPoints(f.fallbackRate()), null));
        }

        values.put("table", table(catalog.id(), from, to, granularity, lag));
        values.put("tableTotal", figureCells(total));
        Map<String, Object> unexplained = unexplained(total);
        if (!unexplained.isEmpty()) {
            values.put("unexplained", unexplained);
        }
        Map<String, List<ProductFigures>> top = outcomes.products(overall.query().from(),
                overall.query().to(), catalog.id(), TOP_PRODUCTS);
        values.put("mostShown", products(catalog, top.get("mostShown")));
        values.put("mostRevenue", products(catalog, top.get("mostRevenue")));
        // charts.js reads the specs as JSON from the attributes
        values.replaceAll((key, value) -> value instanceof ObjectNode node ? node.toString() : value);
        return values;
    }

    private static List<Map<String, Object>> headline(ReportFigures total, ReportFigures decisions) {
        List<Map<String, Object>> figures = new ArrayList<>();
        figures.add(figure("answers", "Answers", FigureText.count(total.answers())));
        figures.add(figure("impressions", "Impressions", FigureText.count(total.impressions())));
        figures.add(figure("clicks", "Clicks", FigureText.count(total.clicks())));
        figures.add(figure("ctr", "Click-through rate", FigureText.percent(total.ctr())));
        figures.add(figure("purchases", "Purchases", FigureText.count(total.purchases())));
        figures.add(figure("revenue", "Revenue", FigureText.money(total.revenue())));
        figures.add(figure("fallback-rate", "Fallback rate", FigureText.percent(
                decisions == null ? null : decisions.fallbackRate())));
        return figures;
    }

    private static Map<String, Object> figure(String id, String label, String value) {
        return Map.of("id", id, "label", label, "value", value);
    }

    /**
     * Whether a row is about answers: outcomes no answer explains (no recId, a bad or expired one,
     * a purchase nobody was shown) are kept in a group of their own, without a kind.
     */
    private static boolean fromAnswers(Report.Row row) {
        return !row.group().getOrDefault("kind", "").isEmpty();
    }

    /**
     * What came in that no answer explains, as the sentence under the table says it; empty when
     * everything was explained.
     */
    private static Map<String, Object> unexplained(ReportFigures total) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (total.unattributedPurchases() > 0 || total.unattributedAddToCarts() > 0) {
            values.put("purchases", FigureText.count(total.unattributedPurchases()));
            values.put("revenue", FigureText.money(total.unattributedRevenue()));
            values.put("addToCarts", FigureText.count(total.unattributedAddToCarts()));
        }
        if (total.unattributedImpressions() > 0 || total.unattributedClicks() > 0) {
            values.put("impressions", FigureText.count(total.unattributedImpressions()));
            values.put("clicks", FigureText.count(total.unattributedClicks()));
            values.put("badRecIds", FigureText.count(total.badRecIds()));
            values.put("expiredRecIds", FigureText.count(total.expiredRecIds()));
        }
        return values;
    }

    /** The table's rows: one per placement (or rule) and strategy, most answers first. */
    private List<Map<String, Object>> table(String catalog, long from, long to, String granularity, long lag) {
        Report report = outcomes.report(new ReportQuery(from, to, granularity, List.of("kind", "placement",
                "strategy"), catalog), lag);
        List<Map<String, Object>> rows = new ArrayList<>();
        report.totals().stream().filter(OutcomeOverview::fromAnswers)
                .sorted(Comparator.comparingLong((Report.Row row) -> row.figures().answers()).reversed()
                        .thenComparing(row -> placementLabel(row.group())))
                .forEach(row -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("placement", placementLabel(row.group()));
                    values.put("placementId", row.group().get("placement"));
                    values.put("kind", row.group().get("kind"));
                    values.put("strategy", row.group().get("strategy").isEmpty() ? FigureText.NONE
                            : row.group().get("strategy"));
                    values.put("cells", figureCells(row.figures()));
                    rows.add(values);
                });
        return rows;
    }

    /** The table's figures of one row, in its columns' order, each with its name for tests and stacked phones. */
    private static List<Map<String, Object>> figureCells(ReportFigures f) {
        return List.of(
                cell("answers", "Answers", FigureText.count(f.answers())),
                cell("impressions", "Impressions", FigureText.count(f.impressions())),
                cell("clicks", "Clicks", FigureText.count(f.clicks())),
                cell("ctr", "CTR", FigureText.percent(f.ctr())),
                cell("purchases", "Purchases", FigureText.count(f.purchases())),
                cell("conversion-rate", "Conversion rate", FigureText.percent(f.conversionRate())),
                cell("revenue", "Revenue", FigureText.money(f.revenue())),
                cell("rpm", "Revenue per 1,000 impressions", FigureText.money(f.revenuePerThousandImpressions())),
                cell("fallback-rate", "Fallback rate", FigureText.percent(f.fallbackRate())),
                cell("coverage", "Coverage", FigureText.percent(f.coverage())));
    }

    private static Map<String, Object> cell(String figure, String label, String text) {
        return Map.of("figure", figure, "label", label, "text", text);
    }

    private List<Map<String, Object>> products(Catalog catalog, List<ProductFigures> figures) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ProductFigures p : figures) {
            Product product = catalogs.product(catalog.id(), p.product()).orElse(null);
            Map<String, Object> row = PlacementPreview.tile(catalog.schema(), p.product(), product);
            row.put("shown", FigureText.count(p.shown()));
            row.put("clicks", FigureText.count(p.clicks()));
            row.put("purchases", FigureText.count(p.purchases()));
            row.put("revenue", FigureText.money(p.revenue()));
            rows.add(row);
        }
        return rows;
    }

    /**
     * What a row's placement is called: the placement's id for decisions, the rule for re-ranked
     * pages, the endpoint for recommendations (which have no placement).
     */
    static String placementLabel(Map<String, String> group) {
        String placement = group.getOrDefault("placement", "");
        return switch (group.getOrDefault("kind", "")) {
            case AnswerDimensions.RERANK -> "rule " + placement;
            case AnswerDimensions.RECOMMENDATIONS -> "recommendations API";
            default -> placement.isEmpty() ? FigureText.NONE : placement;
        };
    }

    /** A rate as a chart draws it: percentage points to two decimals, null (a gap) where it is not defined. */
    private static Double percentPoints(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 10_000) / 100.0;
    }

    /**
     * A chart spec for charts.js: one series per name in {@code series} (in that order), one value
     * per period, {@code missing} where a period has no row for the series.
     *
     * @param unit how the axis and tooltips write values: {@code count}, {@code percent} (values
     *     are percentage points) or {@code money}
     */
    private static ObjectNode chart(String type, String unit, List<Long> periods, boolean hourly, List<String> series,
                                    List<Report.Row> rows, Function<Report.Row, String> seriesOf,
                                    Function<ReportFigures, Number> value, Number missing) {
        Map<String, Number[]> points = new LinkedHashMap<>();
        for (String name : series) {
            Number[] values = new Number[periods.size()];
            java.util.Arrays.fill(values, missing);
            points.put(name, values);
        }
        long first = periods.isEmpty() ? 0 : periods.get(0);
        long step = periods.size() < 2 ? 1 : periods.get(1) - periods.get(0);
        for (Report.Row row : rows) {
            Number[] values = points.get(seriesOf.apply(row));
            int index = (int) ((row.start() - first) / step);
            if (values != null && index >= 0 && index < values.length) {
                values[index] = value.apply(row.figures());
            }
        }
        ObjectNode chart = Json.MAPPER.createObjectNode().put("type", type).put("unit", unit);
        ArrayNode labels = chart.putArray("labels");
        periods.forEach(start -> labels.add(FigureText.period(start, hourly)));
        ArrayNode all = chart.putArray("series");
        points.forEach((name, values) -> {
            ArrayNode data = all.addObject().put("label", name).putArray("values");
            for (Number v : values) {
                if (v == null) {
                    data.addNull();
                } else if (v instanceof Long l) {
                    data.add(l);
                } else {
                    data.add(v.doubleValue());
                }
            }
        });
        return chart;
    }

    /**
     * The events to send, ready to paste: a decision for the catalog's first placement (or
     * {@code home}), then an impression and a click naming its recId, and a purchase, of the
     * catalog's first products.
     */
    private Map<String, Object> example(String catalog, String serverUrl) {
        List<ObjectNode> placements = definitions.list(Definitions.Kind.PLACEMENT, catalog);
        String placement = placements.isEmpty() ? "home" : placements.get(0).path("id").asText();
        List<Product> first = catalogs.page(catalog, null, 2);
        String one = first.isEmpty() ? "product-1" : first.get(0).id();
        List<String> shown = first.size() < 2 ? List.of(one) : List.of(one, first.get(1).id());
        String decide = "curl -s " + serverUrl + "/v1/decisions -H \"Authorization: Bearer $ATTUNE_KEY\" \\\n"
                + "  -H 'Content-Type: application/json' \\\n"
                + "  -d '" + Json.MAPPER.createObjectNode().put("catalog", catalog).put("anonymousId", "visitor-1")
                .set("placements", Json.MAPPER.createArrayNode().add(placement)).toString() + "'";
        String events = "curl -s " + serverUrl + "/v1/events -H \"Authorization: Bearer $ATTUNE_KEY\" \\\n"
                + "  -H 'Content-Type: application/x-ndjson' --data-binary @- <<'EOF'\n"
                + event("impression", catalog, shown, true) + "\n"
                + event("click", catalog, List.of(one), true) + "\n"
                + event(purchaseType, catalog, List.of(one), false) + "\n"
                + "EOF";
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("placement", placement);
        example.put("hasPlacement", !placements.isEmpty());
        example.put("decide", decide);
        example.put("events", events);
        return example;
    }

    private static String event(String type, String catalog, List<String> products, boolean fromAnswer) {
        ObjectNode event = Json.MAPPER.createObjectNode().put("type", type).put("anonymousId", "visitor-1")
                .put("catalog", catalog);
        ArrayNode ids = event.putArray("itemIds");
        products.forEach(ids::add);
        if (fromAnswer) {
            event.putObject("context").put("recId", "RECID_FROM_THE_ANSWER");
        } else {
            event.putObject("properties").put("revenue", 120);
        }
        return event.toString();
    }
}
