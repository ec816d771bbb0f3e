package org.attune.core.outcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;

/**
 * The figures of the reports: per hour and answer dimensions, the {@link Measure}s; per day
 * and dimensions, each product's showings, clicks, purchases and revenue (for coverage and the
 * top products). Fed by the decision log's writer and by attribution on the fanout thread;
 * read by report requests. Hours and days are UTC. Thread-safe (one lock; a report over 90
 * days of hours reads a few thousand entries).
 */
final class OutcomeReports {
    private static final int SHOWN = 0;
    private static final int CLICKED = 1;
    private static final int PURCHASED = 2;
    private static final int REVENUE = 3;
    private static final int TALLIES = 4;

    private final NavigableMap<Long, Map<Long, double[]>> byHour = new TreeMap<>();
    private final NavigableMap<Long, Map<Long, Map<String, double[]>>> productsByDay = new TreeMap<>();
    private final Map<String, String> names = new HashMap<>();

    synchronized void add(long time, long dimensions, Measure measure, double amount) {
        figures(time, dimensions)[measure.ordinal()] += amount;
    }

    /** Counts an answer from the decision log. */
    synchronized void served(ServedAnswer answer, long dimensions) {
        double[] m = figures(answer.at(), dimensions);
        m[Measure.ANSWERS.ordinal()]++;
        m[Measure.ITEMS.ordinal()] += answer.items().size();
        if (AnswerDimensions.FALLBACK.equals(answer.dimensions().source())) {
            m[Measure.FALLBACK_ANSWERS.ordinal()]++;
        }
        m[Measure.EXPRESSION_ERRORS.ordinal()] += answer.expressionErrors();
        if (answer.items().isEmpty()) {
            return;
        }
        // One look-up of the answer's day and dimensions, then one per product: this runs for every answer served.
        Map<String, double[]> products = productsByDay.computeIfAbsent(Math.floorDiv(answer.at(), ReportQuery.DAY),
                d -> new HashMap<>()).computeIfAbsent(dimensions, d -> new HashMap<>());
        for (String product : answer.items()) {
            double[] t = products.get(product);
            if (t == null) {
                t = new double[TALLIES];
                products.put(names.computeIfAbsent(product, p -> p), t);
            }
            t[SHOWN]++;
        }
    }

    synchronized void clicked(long time, long dimensions, String product) {
        tallies(time, dimensions, product)[CLICKED]++;
    }

    synchronized void purchased(long time, long dimensions, String product, double revenue) {
        double[] t = tallies(time, dimensions, product);
        t[PURCHASED]++;
        t[REVENUE] += revenue;
    }

    /** Drops hourly figures before {@code hours} and product figures before {@code products}. */
    synchronized void dropBefore(long hours, long products) {
        byHour.headMap(Math.floorDiv(hours, ReportQuery.HOUR)).clear();
        productsByDay.headMap(Math.floorDiv(products, ReportQuery.DAY)).clear();
    }

    private double[] figures(long time, long dimensions) {
        return byHour.computeIfAbsent(Math.floorDiv(time, ReportQuery.HOUR), h -> new HashMap<>())
                .computeIfAbsent(dimensions, d -> new double[Measure.COUNT]);
    }

    private double[] tallies(long time, long dimensions, String product) {
        String name = names.computeIfAbsent(product, p -> p);
        return productsByDay.computeIfAbsent(Math.floorDiv(time, ReportQuery.DAY), d -> new HashMap<>())
                .computeIfAbsent(dimensions, d -> new HashMap<>()).computeIfAbsent(name, p -> new double[TALLIES]);
    }

    /** One group's running sums while a report is made. */
    private static final class Sums {
        final double[] measures = new double[Measure.COUNT];
        final Set<String> catalogs = new HashSet<>();
        Set<String> products;
    }

    synchronized Report report(ReportQuery query, DimensionTable dimensions, ToIntFunction<String> catalogSize,
                               long lagEvents) {
        boolean daily = "day".equals(query.granularity());
        Map<Long, Map<List<String>, Sums>> periods = new TreeMap<>();
        Map<List<String>, Sums> totals = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<Long, double[]>> hour : byHour.subMap(query.from() / ReportQuery.HOUR, true,
                (query.to() - 1) / ReportQuery.HOUR, true).entrySet()) {
            long start = hour.getKey() * ReportQuery.HOUR;
            long period = Math.floorDiv(start, query.step()) * query.step();
            for (Map.Entry<Long, double[]> entry : hour.getValue().entrySet()) {
                AnswerDimensions d = dimensions.find(entry.getKey());
                if (d == null || query.catalog() != null && !query.catalog().equals(d.catalog())) {
                    continue;
                }
                List<String> group = group(query, d);
                add(periods.computeIfAbsent(period, p -> new LinkedHashMap<>()).computeIfAbsent(group,
                        g -> new Sums()), d, entry.getValue());
                add(totals.computeIfAbsent(group, g -> new Sums()), d, entry.getValue());
            }
        }
        for (Map.Entry<Long, Map<Long, Map<String, double[]>>> day : productsByDay.subMap(
                query.from() / ReportQuery.DAY, true, (query.to() - 1) / ReportQuery.DAY, true).entrySet()) {
            long period = day.getKey() * ReportQuery.DAY;
            for (Map.Entry<Long, Map<String, double[]>> entry : day.getValue().entrySet()) {
                AnswerDimensions d = dimensions.find(entry.getKey());
                if (d == null || query.catalog() != null && !query.catalog().equals(d.catalog())) {
                    continue;
                }
                List<String> group = group(query, d);
                if (daily) {
                    Sums sums = periods.computeIfAbsent(period, p -> new LinkedHashMap<>()).get(group);
                    if (sums != null) {
                        shown(sums, entry.getValue());
                    }
                }
                Sums total = totals.get(group);
                if (total != null) {
                    shown(total, entry.getValue());
                }
            }
        }
        List<Report.Row> rows = new ArrayList<>();
        for (Map.Entry<Long, Map<List<String>, Sums>> period : periods.entrySet()) {
            for (Map.Entry<List<String>, Sums> group : sorted(period.getValue())) {
                rows.add(row(query, period.getKey(), group.getKey(), group.getValue(), daily, catalogSize));
            }
        }
        List<Report.Row> totalRows = new ArrayList<>();
        for (Map.Entry<List<String>, Sums> group : sorted(totals)) {
            totalRows.add(row(query, query.from(), group.getKey(), group.getValue(), true, catalogSize));
        }
        return new Report(query, rows, totalRows, lagEvents);
    }

    private static List<Map.Entry<List<String>, Sums>> sorted(Map<List<String>, Sums> groups) {
        List<Map.Entry<List<String>, Sums>> entries = new ArrayList<>(groups.entrySet());
        entries.sort(Map.Entry.comparingByKey(Comparator.comparing(group -> String.join("\u0000", group))));
        return entries;
    }

    private static List<String> group(ReportQuery query, AnswerDimensions d) {
        List<String> group = new ArrayList<>(query.groupBy().size());
        for (String grouping : query.groupBy()) {
            group.add(d.value(grouping));
        }
        return group;
    }

    private static void add(Sums sums, AnswerDimensions d, double[] measures) {
        for (int i = 0; i < measures.length; i++) {
            sums.measures[i] += measures[i];
        }
        if (!d.catalog().isEmpty()) {
            sums.catalogs.add(d.catalog());
        }
    }

    private static void shown(Sums sums, Map<String, double[]> products) {
        if (sums.products == null) {
            sums.products = new HashSet<>();
        }
        for (Map.Entry<String, double[]> product : products.entrySet()) {
            if (product.getValue()[SHOWN] > 0) {
                sums.products.add(product.getKey());
            }
        }
    }

    private static Report.Row row(ReportQuery query, long start, List<String> group, Sums sums, boolean distinct,
                                  ToIntFunction<String> catalogSize) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < group.size(); i++) {
            values.put(query.groupBy().get(i), group.get(i));
        }
        Integer products = !distinct ? null : sums.products == null ? 0 : sums.products.size();
        Integer catalogProducts = null;
        if (distinct && !sums.catalogs.isEmpty()) {
            int size = 0;
            for (String catalog : sums.catalogs) {
                size += catalogSize.applyAsInt(catalog);
            }
            catalogProducts = size;
        }
        return new Report.Row(start, values, ReportFigures.of(sums.measures, products, catalogProducts));
    }

    /** The products most shown and those that earned most, over a range, in one catalog or all. */
    synchronized Map<String, List<ProductFigures>> products(long from, long to, String catalog, int limit,
                                                            DimensionTable dimensions) {
        Map<String, double[]> sums = new HashMap<>();
        for (Map<Long, Map<String, double[]>> day : productsByDay.subMap(from / ReportQuery.DAY, true,
                (to - 1) / ReportQuery.DAY, true).values()) {
            for (Map.Entry<Long, Map<String, double[]>> entry : day.entrySet()) {
                AnswerDimensions d = dimensions.find(entry.getKey());
                if (d == null || catalog != null && !catalog.equals(d.catalog())) {
                    continue;
                }
                for (Map.Entry<String, double[]> product : entry.getValue().entrySet()) {
                    double[] sum = sums.computeIfAbsent(product.getKey(), p -> new double[TALLIES]);
                    for (int i = 0; i < TALLIES; i++) {
                        sum[i] += product.getValue()[i];
                    }
                }
            }
        }
        List<ProductFigures> all = new ArrayList<>(sums.size());
        sums.forEach((product, t) -> all.add(new ProductFigures(product, Math.round(t[SHOWN]),
                Math.round(t[CLICKED]), Math.round(t[PURCHASED]), ReportFigures.money(t[REVENUE]))));
        Map<String, List<ProductFigures>> top = new LinkedHashMap<>();
        top.put("mostShown", all.stream().filter(p -> p.shown() > 0)
                .sorted(Comparator.comparingLong(ProductFigures::shown).reversed()
                        .thenComparing(ProductFigures::product)).limit(limit).toList());
        top.put("mostRevenue", all.stream().filter(p -> p.purchases() > 0)
                .sorted(Comparator.comparingDouble(ProductFigures::revenue).reversed()
                        .thenComparing(Comparator.comparingLong(ProductFigures::purchases).reversed())
                        .thenComparing(ProductFigures::product)).limit(limit).toList());
        return top;
    }

    synchronized void save(SnapshotOutput out) throws IOException {
        out.writeInt(byHour.size());
        for (Map.Entry<Long, Map<Long, double[]>> hour : byHour.entrySet()) {
            out.writeLong(hour.getKey());
            out.writeInt(hour.getValue().size());
            for (Map.Entry<Long, double[]> entry : hour.getValue().entrySet()) {
                out.writeLong(entry.getKey());
                for (double value : entry.getValue()) {
                    out.writeDouble(value);
                }
            }
        }
        out.writeInt(productsByDay.size());
        for (Map.Entry<Long, Map<Long, Map<String, double[]>>> day : productsByDay.entrySet()) {
            out.writeLong(day.getKey());
            out.writeInt(day.getValue().size());
            for (Map.Entry<Long, Map<String, double[]>> entry : day.getValue().entrySet()) {
                out.writeLong(entry.getKey());
                out.writeInt(entry.getValue().size());
                for (Map.Entry<String, double[]> product : entry.getValue().entrySet()) {
                    out.writeString(product.getKey());
                    for (double value : product.getValue()) {
                        out.writeDouble(value);
                    }
                }
            }
        }
    }

    synchronized void restore(SnapshotInput in) throws IOException {
        int hours = in.readCount(Integer.MAX_VALUE);
        for (int h = 0; h < hours; h++) {
            Map<Long, double[]> entries = byHour.computeIfAbsent(in.readLong(), k -> new HashMap<>());
            int count = in.readCount(Integer.MAX_VALUE);
            for (int i = 0; i < count; i++) {
                long key = in.readLong();
                double[] values = new double[Measure.COUNT];
                for (int m = 0; m < values.length; m++) {
                    values[m] = in.readDouble();
                }
                entries.put(key, values);
            }
        }
        int days = in.readCount(Integer.MAX_VALUE);
        for (int d = 0; d < days; d++) {
            Map<Long, Map<String, double[]>> entries = productsByDay.computeIfAbsent(in.readLong(),
                    k -> new HashMap<>());
            int count = in.readCount(Integer.MAX_VALUE);
            for (int i = 0; i < count; i++) {
                Map<String, double[]> products = entries.computeIfAbsent(in.readLong(), k -> new HashMap<>());
                int productCount = in.readCount(Integer.MAX_VALUE);
                for (int p = 0; p < productCount; p++) {
                    String name = names.computeIfAbsent(in.readString(), n -> n);
                    double[] values = new double[TALLIES];
                    for (int t = 0; t < TALLIES; t++) {
                        values[t] = in.readDouble();
                    }
                    products.put(name, values);
                }
            }
        }
    }
}
