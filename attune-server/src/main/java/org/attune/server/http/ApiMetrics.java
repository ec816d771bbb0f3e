package org.attune.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.attune.core.ingest.IngestResult;

/** The server's metrics in a Prometheus registry; thread-safe. */
public final class ApiMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter eventsReceived;
    private final Counter eventsAccepted;
    private final Counter eventsRejected;
    private final Counter eventsDuplicate;
    private final DistributionSummary batchSize;

    public ApiMetrics() {
        eventsReceived = Counter.builder("attune.events.received").description("Event records received").register(registry);
        eventsAccepted = Counter.builder("attune.events.accepted").description("Events stored durably").register(registry);
        eventsRejected = Counter.builder("attune.events.rejected").description("Event records refused as invalid")
                .register(registry);
        eventsDuplicate = Counter.builder("attune.events.duplicates")
                .description("Event records whose eventId was already stored").register(registry);
        batchSize = DistributionSummary.builder("attune.events.batch.size").description("Records per ingest request")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void recordIngest(IngestResult result) {
        eventsReceived.increment(result.received());
        eventsAccepted.increment(result.accepted());
        eventsRejected.increment(result.rejected().size());
        eventsDuplicate.increment(result.duplicates());
        batchSize.record(result.received());
    }

    public void recordRejectedBatch(int records) {
        eventsRejected.increment(records);
    }

    /** Records one HTTP request's latency, labelled by route pattern (not the concrete URL). */
    public void recordRequest(String method, String route, int status, long nanos) {
        Timer.builder("attune.http.requests")
                .description("HTTP request latency by route")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    public String scrape() {
        return registry.scrape();
    }
}
