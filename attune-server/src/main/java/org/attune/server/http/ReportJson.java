package org.attune.server.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.attune.core.outcome.Report;
import org.attune.core.outcome.ReportFigures;

/** A report as {@code GET /v1/reports} and {@code attune reports rebuild} write it: JSON or CSV. */
public final class ReportJson {
    /** The figures' columns, in the order JSON and CSV show them. */
    public static final List<String> FIGURES = List.of("answers", "items", "fallbackAnswers", "fallbackRate",
            "expressionErrors", "impressions", "clicks", "ctr", "addToCarts", "purchases", "conversionRate", "revenue",
            "revenuePerThousandImpressions", "viewThroughAddToCarts", "viewThroughPurchases", "viewThroughRevenue",
            "unattributedImpressions", "unattributedClicks", "unattributedAddToCarts", "unattributedPurchases",
            "unattributedRevenue", "badRecIds", "expiredRecIds", "distinctProducts", "catalogProducts", "coverage");

    private ReportJson() {
    }

    /** The report as the JSON object of {@code GET /v1/reports}. */
    public static Map<String, Object> of(Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", Instant.ofEpochMilli(report.query().from()).toString());
        json.put("to", Instant.ofEpochMilli(report.query().to()).toString());
        json.put("granularity", report.query().granularity());
        json.put("groupBy", report.query().groupBy());
        json.put("catalog", report.query().catalog());
        json.put("attributionLagEvents", report.attributionLagEvents());
        json.put("rows", report.rows().stream().map(ReportJson::row).toList());
        json.put("totals", report.totals().stream().map(ReportJson::row).toList());
        return json;
    }

    private static Map<String, Object> row(Report.Row row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("start", Instant.ofEpochMilli(row.start()).toString());
        json.put("group", row.group());
        json.putAll(figures(row.figures()));
        return json;
    }

    /** One row's figures by the names of {@link #FIGURES}. */
    public static Map<String, Object> figures(ReportFigures f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("answers", f.answers());
        json.put("items", f.items());
        json.put("fallbackAnswers", f.fallbackAnswers());
        json.put("fallbackRate", f.fallbackRate());
        json.put("expressionErrors", f.expressionErrors());
        json.put("impressions", f.impressions());
        json.put("clicks", f.clicks());
        json.put("ctr", f.ctr());
        json.put("addToCarts", f.addToCarts());
        json.put("purchases", f.purchases());
        json.put("conversionRate", f.conversionRate());
        json.put("revenue", f.revenue());
        json.put("revenuePerThousandImpressions", f.revenuePerThousandImpressions());
        json.put("viewThroughAddToCarts", f.viewThroughAddToCarts());
        json.put("viewThroughPurchases", f.viewThroughPurchases());
        json.put("viewThroughRevenue", f.viewThroughRevenue());
        json.put("unattributedImpressions", f.unattributedImpressions());
        json.put("unattributedClicks", f.unattributedClicks());
        json.put("unattributedAddToCarts", f.unattributedAddToCarts());
        json.put("unattributedPurchases", f.unattributedPurchases());
        json.put("unattributedRevenue", f.unattributedRevenue());
        json.put("badRecIds", f.badRecIds());
        json.put("expiredRecIds", f.expiredRecIds());
        json.put("distinctProducts", f.distinctProducts());
        json.put("catalogProducts", f.catalogProducts());
        json.put("coverage", f.coverage());
        return json;
    }

    /** The rows as CSV with a header: start, the groupings asked, then {@link #FIGURES}. */
    public static String csv(Report report) {
        List<String> header = new ArrayList<>();
        header.add("start");
        header.addAll(report.query().groupBy());
        header.addAll(FIGURES);
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(
                new String[0])).get())) {
            for (Report.Row row : report.rows()) {
                List<Object> values = new ArrayList<>();
                values.add(Instant.ofEpochMilli(row.start()).toString());
                values.addAll(row.group().values());
                Map<String, Object> figures = figures(row.figures());
                for (String column : FIGURES) {
                    Object value = figures.get(column);
                    values.add(value == null ? "" : value);
                }
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
