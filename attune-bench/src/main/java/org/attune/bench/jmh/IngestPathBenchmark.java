package org.attune.bench.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.event.Event;
import org.attune.core.event.EventCodec;
import org.attune.core.event.EventLimits;
import org.attune.core.event.EventValidator;
import org.attune.core.event.StreamingEventReader;
import org.attune.core.json.Json;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.synthetic.ShopGenerator;
import org.attune.core.synthetic.ShopSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** CPU cost of one 1,000-event NDJSON batch on each step of the ingestion path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IngestPathBenchmark {
    private byte[] batch;
    private List<Event> events;
    private final JsonRecordReader reader = new JsonRecordReader();
    private final EventValidator validator = new EventValidator(EventLimits.DEFAULTS, c -> true);
    private final StreamingEventReader streaming = new StreamingEventReader(validator);
    private final EventCodec codec = new EventCodec();

    @Setup
    public void setUp() throws Exception {
        List<ObjectNode> generated = new ArrayList<>();
        new ShopGenerator(ShopSpec.demo().withProducts(2_000).withShoppers(2_000).withDays(7)
                .withEnd(Instant.parse("2026-11-01T00:00:00Z").truncatedTo(ChronoUnit.DAYS))).events(e -> {
                    if (generated.size() < 1_000) {
                        generated.add(e);
                    }
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ObjectNode e : generated) {
            out.write(Json.MAPPER.writeValueAsBytes(e));
            out.write('\n');
        }
        batch = out.toByteArray();
        events = parseAndValidate();
    }

    /** The way {@code POST /v1/events} reads a batch: tokens straight into events. */
    @Benchmark
    public List<Event> parseAndValidate() {
        return streaming.read(batch, 0, batch.length, 10_000, System.currentTimeMillis()).valid();
    }

    /**
     * A tree per record, then validation of the tree: what ingestion did before the streaming
     * reader, and what it still does for a body with a record that is not JSON.
     */
    @Benchmark
    public List<Event> parseAndValidateAsTrees() {
        List<Event> valid = new ArrayList<>(1_000);
        long now = System.currentTimeMillis();
        for (JsonRecordReader.RawRecord record : reader.read(batch, batch.length, 10_000)) {
            valid.add(validator.validate(record.json(), now).event());
        }
        return valid;
    }

    @Benchmark
    public int encodeForLog() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 200);
        codec.encode(events, out);
        return out.size();
    }

    @Benchmark
    public long observeInDictionary() {
        DataDictionary dictionary = new DataDictionary();
        dictionary.observeAll(events);
        return dictionary.events();
    }
}
