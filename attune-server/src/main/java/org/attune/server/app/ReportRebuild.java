package org.attune.server.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.attune.core.catalog.CatalogService;
import org.attune.core.eventlog.FileEventLog;
import org.attune.core.outcome.Outcomes;
import org.attune.core.outcome.Report;
import org.attune.core.outcome.ReportQuery;
import org.attune.core.profile.CatalogProductFacts;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.profile.ProductFacts;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.profile.Symbols;
import org.attune.store.duckdb.DuckDbStorage;

/**
 * {@code attune reports rebuild}: the report figures recomputed from nothing but the two logs
 * of a stopped server's data directory: every event of the event log applied to fresh live
 * profiles (for stitched identities) and to attribution, in log order, and every answer of the
 * decision log counted. No snapshot is read, so what a restart reached (from its snapshot and
 * the logs after it) can be checked against it. Writes nothing the server reads.
 */
public final class ReportRebuild {
    private ReportRebuild() {
    }

    /**
     * The report a server with this data directory would give, recomputed.
     *
     * @return the report and how many events and answers were read
     */
    public static Rebuilt rebuild(Path dataDir, ReportQuery query, Clock clock) throws Exception {
        try (DuckDbStorage storage = new DuckDbStorage(dataDir);
             FileEventLog log = new FileEventLog(dataDir.resolve("events"))) {
            CatalogService catalogs = new CatalogService(storage.catalogs(), storage.products(), clock);
            Symbols names = new Symbols();
            ProfileSettings settings = ProfileSettings.DEFAULTS;
            ProductFacts facts = new CatalogProductFacts(catalogs, names, settings.eventWeights());
            LiveProfiles profiles = new LiveProfiles(facts, names, settings);
            try (Outcomes outcomes = AttuneApplication.openOutcomes(dataDir, Duration.ofDays(3_650), profiles, facts,
                    catalogs, settings, clock)) {
                long[] events = {0};
                new AttuneApplication.LogEvents(log).read(Long.MAX_VALUE, event -> {
                    profiles.apply(event);
                    outcomes.apply(event);
                    events[0]++;
                });
                outcomes.start();
                return new Rebuilt(outcomes.report(query, 0), events[0]);
            }
        }
    }

    /** A rebuilt report, with the number of events read. */
    public record Rebuilt(Report report, long events) {
    }
}
