package org.attune.server.http;

import java.util.List;
import org.attune.core.outcome.AnswerDimensions;
import org.attune.core.outcome.AttributionWindows;
import org.attune.core.outcome.ReportQuery;

/** The routes of reports (what answers earned) and of each catalog's attribution windows. */
final class ReportsRoutes {
    private ReportsRoutes() {
    }

    static List<ApiRoute> routes(ReportsApi api) {
        return List.of(
                ApiRoute.get("/v1/reports").access(Access.EDITOR).tag("Reports")
                        .summary("What answers earned, per hour or day and group")
                        .description("Answers served by POST /v1/decisions, POST /v1/rerank and GET"
                                + " /v1/recommendations (never previews), and what followed them: impressions and"
                                + " clicks naming an answer's recId (context.recId), add-to-carts and purchases"
                                + " attributed to the latest click on the product within the catalog's"
                                + " click-through window (else, as view-through, to the latest impression of it"
                                + " within the view-through window; else unattributed). Events are attributed as"
                                + " they are acknowledged: a report reflects an event within seconds"
                                + " (attributionLagEvents says how many were still waiting), and an answer within"
                                + " a second. Periods are UTC hours or days by the event's timestamp (answers: the"
                                + " time they were given); periods with no figure are left out. Each row has the"
                                + " counts and the rates ctr (clicks per impression), conversionRate (purchased"
                                + " products per click), revenuePerThousandImpressions, fallbackRate (answers a"
                                + " fallback filled, per answer) and, for day rows and totals, distinctProducts"
                                + " shown and coverage (their share of the catalogs' products now); a rate is null"
                                + " when its denominator is 0. Unattributed events (no recId, or a bad, unknown or"
                                + " expired one) count on rows whose source is 'unattributed', never mixed with"
                                + " what answers earned. 'totals' sums each group over the range. format=csv (or"
                                + " Accept: text/csv) gives the rows as CSV with a header. Hourly figures are kept"
                                + " 400 days, products (coverage, GET /v1/reports/products) 35 days; see"
                                + " docs/reporting.md.")
                        .queryParam("from", "string", "Start: a date (2026-12-01, UTC) or an ISO-8601 time;"
                                + " default 7 days before 'to'. Rounded down to the period")
                        .queryParam("to", "string", "End (exclusive): a date or an ISO-8601 time; default now."
                                + " Rounded up to the period")
                        .queryParam("granularity", "string", "hour or day (default day); at most "
                                + ReportQuery.MAX_PERIODS + " periods")
                        .queryParam("groupBy", "string", "Comma-separated, any of "
                                + String.join(", ", AnswerDimensions.GROUPINGS) + " (kind: decision, rerank or"
                                + " recommendations; placement: the placement, or the rule of a re-rank; source:"
                                + " personalized, fallback, unchanged or unattributed; model: id@version)")
                        .queryParam("catalog", "string", "Only this catalog")
                        .queryParam("format", "string", "json (default) or csv")
                        .response(200, "The report", null, "{\"from\":\"2026-11-28T00:00:00Z\","
                                + "\"to\":\"2026-12-05T00:00:00Z\",\"granularity\":\"day\","
                                + "\"groupBy\":[\"placement\"],\"catalog\":\"shop\",\"attributionLagEvents\":0,"
                                + "\"rows\":[{\"start\":\"2026-12-04T00:00:00Z\",\"group\":{\"placement\":"
                                + "\"home\"},\"answers\":1200,\"items\":9600,\"fallbackAnswers\":48,"
                                + "\"fallbackRate\":0.04,\"expressionErrors\":0,\"impressions\":7100,"
                                + "\"clicks\":213,\"ctr\":0.03,\"addToCarts\":31,\"purchases\":12,"
                                + "\"conversionRate\":0.0563,\"revenue\":642.5,"
                                + "\"revenuePerThousandImpressions\":90.49,\"viewThroughAddToCarts\":9,"
                                + "\"viewThroughPurchases\":4,\"viewThroughRevenue\":120.0,"
                                + "\"unattributedImpressions\":0,\"unattributedClicks\":0,"
                                + "\"unattributedAddToCarts\":0,\"unattributedPurchases\":0,"
                                + "\"unattributedRevenue\":0.0,\"badRecIds\":0,\"expiredRecIds\":0,"
                                + "\"distinctProducts\":2140,\"catalogProducts\":20000,\"coverage\":0.107}],"
                                + "\"totals\":[]}")
                        .textResponse(200, "The rows as CSV (format=csv)", "text/csv")
                        .response(400, "A bad range, granularity, grouping, catalog or format (code"
                                + " invalid_report_request, one detail per problem)")
                        .handle(api::report),
                ApiRoute.get("/v1/reports/products").access(Access.EDITOR).tag("Reports")
                        .summary("The products answers showed most, and those that earned most")
                        .description("Over the range (UTC days; kept 35 days): 'mostShown', the products most"
                                + " often in an answer, with their clicks, attributed purchases and revenue;"
                                + " 'mostRevenue', the products with the most attributed revenue (click-through and"
                                + " view-through).")
                        .queryParam("from", "string", "Start: a date or an ISO-8601 time; default 7 days before 'to'")
                        .queryParam("to", "string", "End (exclusive); default now")
                        .queryParam("catalog", "string", "Only this catalog")
                        .queryParam("limit", "integer", "Products per list, 1 to " + ReportsApi.MAX_PRODUCTS
                                + " (default 10)")
                        .response(200, "The lists", null, "{\"from\":\"2026-11-28T00:00:00Z\","
                                + "\"to\":\"2026-12-05T00:00:00Z\",\"catalog\":\"shop\",\"mostShown\":[{\"product\":"
                                + "\"p-17\",\"shown\":812,\"clicks\":40,\"purchases\":6,\"revenue\":329.4}],"
                                + "\"mostRevenue\":[{\"product\":\"p-17\",\"shown\":812,\"clicks\":40,"
                                + "\"purchases\":6,\"revenue\":329.4}]}")
                        .response(400, "A bad range, catalog or limit (code invalid_report_request)")
                        .handle(api::products),
                ApiRoute.get("/v1/catalogs/{catalog}/attribution").access(Access.EDITOR).tag("Reports")
                        .summary("A catalog's attribution windows")
                        .description("How long after a click on a product (clickThroughHours) and after it was seen"
                                + " in an answer (viewThroughHours) its add-to-carts and purchases are credited to"
                                + " that answer. 24 and 24 unless set.")
                        .pathParam("catalog", "Catalog id")
                        .response(200, "The windows", null, "{\"catalog\":\"shop\",\"clickThroughHours\":24,"
                                + "\"viewThroughHours\":24}")
                        .response(404, "No such catalog (code catalog_not_found)")
                        .handle(api::windows),
                ApiRoute.put("/v1/catalogs/{catalog}/attribution").access(Access.EDITOR).tag("Reports")
                        .summary("Set a catalog's attribution windows")
                        .description("Each 1 to " + AttributionWindows.MAX_HOURS + " hours (a field left out is"
                                + " 24). Applies to events attributed from now on; earlier figures keep the windows"
                                + " they were counted with (a reports rebuild applies the new ones to all).")
                        .pathParam("catalog", "Catalog id")
                        .bodyExample("application/json", "{\"clickThroughHours\":24,\"viewThroughHours\":12}")
                        .response(200, "The windows now", null, "{\"catalog\":\"shop\",\"clickThroughHours\":24,"
                                + "\"viewThroughHours\":12}")
                        .response(400, "A window out of range (code invalid_report_request)")
                        .response(404, "No such catalog (code catalog_not_found)")
                        .handle(api::putWindows));
    }
}
