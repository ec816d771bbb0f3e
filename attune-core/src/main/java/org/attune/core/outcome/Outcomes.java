package org.attune.core.outcome;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.attune.core.event.Event;
import org.attune.core.event.Tombstone;
import org.attune.core.profile.ProductFacts;
import org.attune.core.snapshot.SnapshotInput;
import org.attune.core.snapshot.SnapshotOutput;
import org.attune.core.snapshot.SnapshotPart;

/**
 * What answers earned, as one service: recIds and the decision log for the endpoints that
 * answer, attribution for the fanout, reports for readers. Its state (report figures, each
 * id's recent clicks and impressions, how far the decision log was counted) is a part of the
 * state snapshots; at start the decision log after that point is counted again, and the
 * events after the snapshot are attributed again by the replay, so a restart, even after
 * {@code kill -9}, reaches the figures a rebuild from both logs gives. Files live in one
 * directory: {@code decisions/} (the log), {@code dimensions.jsonl}, {@code attribution.json}
 * and {@code rec-id.key}. Thread-safe.
 */
public final class Outcomes implements AnswerRecorder, AutoCloseable {
    /** How long the figures of coverage and top products are kept (hourly figures: {@link #HOURS_KEPT}). */
    public static final Duration PRODUCT_FIGURES_KEPT = Duration.ofDays(35);
    /** How long hourly figures are kept. */
    public static final Duration HOURS_KEPT = Duration.ofDays(400);

    private final RecIds recIds;
    private final DimensionTable dimensions;
    private final DecisionLog log;
    private final OutcomeReports reports = new OutcomeReports();
    private final AttributionWindows windows;
    private final Attribution attribution;
    private final ToIntFunction<String> catalogSize;
    private final Clock clock;
    private volatile DecisionLog.Position counted = DecisionLog.Position.START;
    private long lastPrune;

    /**
     * @param idsOf every id of the person an id names, as stitched now (the live profiles')
     * @param products prices, for purchases that do not say their revenue
     * @param catalogSize products in a catalog now, for coverage
     * @param decisionRetention how long the decision log keeps answers
     */
    public Outcomes(Path dir, Duration decisionRetention, Function<String, List<String>> idsOf,
                    ProductFacts products, ToIntFunction<String> catalogSize, String purchaseType,
                    String addToCartType, Clock clock) throws IOException {
        this.recIds = RecIds.load(dir.resolve("rec-id.key"));
        this.dimensions = new DimensionTable(dir.resolve("dimensions.jsonl"));
        this.log = new DecisionLog(dir.resolve("decisions"), decisionRetention, 200_000, clock);
        this.windows = new AttributionWindows(dir.resolve("attribution.json"));
        this.attribution = new Attribution(recIds, dimensions, reports, windows, idsOf, products, purchaseType,
                addToCartType);
        this.catalogSize = catalogSize;
        this.clock = clock;
    }

    @Override
    public String issue(AnswerDimensions answer, long at) {
        return recIds.issue(at, dimensions.register(answer));
    }

    @Override
    public void served(ServedAnswer answer) {
        log.append(answer);
    }

    /** Attributes one event; called in log order on the thread that applies events (after the live profiles). */
    public void apply(Event event) {
        attribution.apply(event);
        if (Tombstone.is(event)) {
            log.forget(Tombstone.ids(event));
        }
    }

    /** Log position of the last event attributed. */
    public long appliedThrough() {
        return attribution.appliedThrough();
    }

    /**
     * Counts the answers of the decision log written after the snapshot restored (all of them
     * without one), then starts writing new answers.
     */
    public void start() throws IOException {
        DecisionLog.Position end = log.read(counted, answer -> reports.served(answer,
                dimensions.register(answer.dimensions())));
        counted = end;
        log.start((answers, position) -> {
            synchronized (reports) {
                for (ServedAnswer answer : answers) {
                    reports.served(answer, dimensions.register(answer.dimensions()));
                }
                counted = position;
            }
            prune();
        });
    }

    /** Reads the logged answers given since {@code sinceMillis} (for caps after a restart). */
    public void answersSince(long sinceMillis, Consumer<ServedAnswer> sink) throws IOException {
        log.readSince(sinceMillis, sink);
    }

    public Report report(ReportQuery query, long lagEvents) {
        return reports.report(query, dimensions, catalogSize, lagEvents);
    }

    /** The most shown and the most earning products over a range ({@code mostShown}, {@code mostRevenue}). */
    public Map<String, List<ProductFigures>> products(long from, long to, String catalog, int limit) {
        return reports.products(from, to, catalog, limit, dimensions);
    }

    public AttributionWindows windows() {
        return windows;
    }

    /** Answers waiting to be written to the decision log. */
    public int decisionBacklog() {
        return log.backlog();
    }

    private void prune() {
        long now = clock.millis();
        if (now - lastPrune < ReportQuery.HOUR) {
            return;
        }
        lastPrune = now;
        reports.dropBefore(now - HOURS_KEPT.toMillis(), now - PRODUCT_FIGURES_KEPT.toMillis());
    }

    /** The part of the state snapshots: report figures, attribution's memory, how far the decision log was counted. */
    public SnapshotPart snapshotPart() {
        return new SnapshotPart() {
            @Override
            public String name() {
                return "outcomes";
            }

            @Override
            public String configuration() {
                return "clicks=" + Attribution.MAX_CLICKS + ",impressions=" + Attribution.MAX_IMPRESSIONS
                        + ",measures=" + Measure.COUNT;
            }

            @Override
            public void save(SnapshotOutput out) throws IOException {
                synchronized (reports) {
                    out.writeString(counted.file());
                    out.writeLong(counted.offset());
                    reports.save(out);
                }
                attribution.save(out);
            }

            @Override
            public void restore(SnapshotInput in) throws IOException {
                counted = new DecisionLog.Position(in.readString(), in.readLong());
                reports.restore(in);
                attribution.restore(in);
            }
        };
    }

    /** Writes every answer handed over, then stops. */
    @Override
    public void close() throws IOException {
        log.close();
        dimensions.close();
    }
}
