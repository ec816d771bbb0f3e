package org.attune.server.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.attune.core.json.Json;
import org.attune.core.validation.Problem;

/**
 * Imports one file through the HTTP API, so that imported records pass the same validation
 * as live traffic. NDJSON lines are sent as they are; CSV rows are turned into records by a
 * {@link ColumnMapping}. Records go out in NDJSON batches over one keep-alive connection,
 * one request at a time, while the next batch is read. Every rejection is traced back to
 * its line in the file; a rejected record never stops the import. Before the file is read,
 * {@link CatalogCheck} makes sure the server, the key, the catalog and the mapping fit;
 * {@link ImportTally} counts what happened for the progress lines and the report.
 *
 * <p>Events are streamed. Products are collected by id first, so that a file listing a
 * product on many rows (Online Retail lists it once per invoice line) stores it once, with
 * its last row, instead of recording a change for every row; memory grows with the number
 * of distinct products.
 *
 * <p>One instance runs one import; not thread-safe.
 */
public final class BulkImporter {
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(3).toNanos();
    private static final int MAX_ATTEMPTS = 4;
    private static final ObjectReader STRICT_JSON = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final AttuneClient client;
    private final String serverUrl;
    private final ImportListener listener;
    private final ImportTally tally = new ImportTally();

    private ImportSettings settings;
    private ExecutorService sender;
    private Future<Void> inFlight;
    private long started;
    private long lastProgress;
    private List<PendingRecord> batch = new ArrayList<>();
    private long batchBytes;
    private final Map<String, PendingRecord> products = new LinkedHashMap<>();

    /**
     * @param client a client for the server, with the key to use
     * @param serverUrl the server's address, for messages
     * @param listener hears progress and notes
     */
    public BulkImporter(AttuneClient client, String serverUrl, ImportListener listener) {
        this.client = client;
        this.serverUrl = serverUrl;
        this.listener = listener;
    }

    /**
     * Runs the import.
     *
     * @param in the file's content (already decompressed, see {@link ImportFile})
     * @return what was stored, skipped and rejected
     * @throws ImportFailedException when the import could not go on (server unreachable, key
     *     refused, catalog missing, file unreadable); what was acknowledged before is stored
     * @throws MappingException when the mapping does not fit the file or the catalog (nothing is sent then)
     */
    public ImportReport run(ImportSettings settings, InputStream in) throws ImportFailedException {
        if (this.settings != null) {
            throw new IllegalStateException("a BulkImporter runs one import");
        }
        this.settings = settings;
        started = System.nanoTime();
        lastProgress = started;
        CatalogCheck check = new CatalogCheck(client, serverUrl, listener, settings);
        Set<String> attributes = check.prepare();
        if (settings.mapping() != null) {
            settings.mapping().mapping().checkFor(settings.target(), settings.mapping().origin());
            check.checkAttributes(attributes);
        }
        sender = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "attune-import-sender");
            thread.setDaemon(true);
            return thread;
        });
        try {
            String readFailure = null;
            Exception readCause = null;
            try {
                if (settings.format() == ImportSettings.Format.CSV) {
                    readCsv(in);
                } else {
                    readNdjson(in);
                }
            } catch (IOException | UncheckedIOException e) {
                // Commons CSV stops at a syntax error (an unclosed quote); what was read before it still goes out.
                readFailure = "reading " + settings.sourceName() + " failed after " + tally.snapshotRead()
                        + " record(s): " + e.getMessage();
                readCause = e;
            }
            if (settings.target() == ImportTarget.EVENTS) {
                dispatch();
            } else {
                sendProducts();
            }
            awaitInFlight();
            if (readFailure != null) {
                throw new ImportFailedException(readFailure, report(), readCause);
            }
            return report();
        } finally {
            sender.shutdownNow();
        }
    }

    private void readNdjson(InputStream in) throws IOException, ImportFailedException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(ImportFile.withoutByteOrderMark(in),
                StandardCharsets.UTF_8), 1 << 16);
        long line = 0;
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            tally.read();
            JsonNode json;
            try {
                json = STRICT_JSON.readTree(text);
            } catch (JsonProcessingException e) {
                tally.reject(new RejectedRecord(line, null, List.of(new Problem("", "malformed_json",
                        "not valid JSON: " + FieldRule.clip(String.valueOf(e.getOriginalMessage()))))));
                continue;
            }
            byte[] bytes;
            if (needsCatalog(json)) {
                ((ObjectNode) json).put("catalog", settings.catalog());
                bytes = Json.MAPPER.writeValueAsBytes(json);
            } else {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
            accept(new PendingRecord(line, idOf(json), bytes));
            maybeReportProgress();
        }
    }

    private void readCsv(InputStream in) throws IOException, ImportFailedException {
        ResolvedMapping resolved = settings.mapping();
        CsvOptions csv = resolved.mapping().csv();
        InputStream stream = csv.charset().equals(StandardCharsets.UTF_8) ? ImportFile.withoutByteOrderMark(in) : in;
        Reader reader = new InputStreamReader(stream, csv.charset());
        try (CSVParser parser = csv.format().parse(reader)) {
            List<String> header = csv.header() ? parser.getHeaderNames() : List.of();
            CsvRowMapper mapper = new CsvRowMapper(resolved.mapping(), header, resolved.origin());
            for (CSVRecord row : parser) {
                // The parser reports the line a record ends on; a quoted cell may span lines.
                long line = parser.getCurrentLineNumber() - (csv.quote() == null ? 0 : embeddedLineBreaks(row));
                tally.read();
                CsvRowMapper.Outcome outcome = mapper.map(row, line);
                if (outcome instanceof CsvRowMapper.Skipped skipped) {
                    tally.skip(skipped.because().describe());
                } else if (outcome instanceof CsvRowMapper.Failed failed) {
                    tally.reject(new RejectedRecord(line, null, failed.problems()));
                } else {
                    ObjectNode record = ((CsvRowMapper.Mapped) outcome).record();
                    if (needsCatalog(record)) {
                        record.put("catalog", settings.catalog());
                    }
                    accept(new PendingRecord(line, idOf(record), Json.MAPPER.writeValueAsBytes(record)));
                }
                maybeReportProgress();
            }
        }
    }

    private boolean needsCatalog(JsonNode json) {
        return settings.target() == ImportTarget.EVENTS && settings.catalog() != null && json instanceof ObjectNode
                && !json.has("catalog");
    }

    private String idOf(JsonNode json) {
        JsonNode id = json.get(settings.target().idField());
        return id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isEmpty() ? id.asText() : null;
    }

    private static int embeddedLineBreaks(CSVRecord row) {
        int breaks = 0;
        for (int i = 0; i < row.size(); i++) {
            String value = row.get(i);
            for (int c = value.indexOf('\n'); c >= 0; c = value.indexOf('\n', c + 1)) {
                breaks++;
            }
        }
        return breaks;
    }

    private void accept(PendingRecord record) throws ImportFailedException {
        if (settings.target() == ImportTarget.PRODUCTS) {
            // Records without a usable id are kept apart by line so the server can say what is wrong with them.
            String key = record.id() != null ? record.id() : "\u0000line " + record.line();
            if (products.put(key, record) != null) {
                tally.repeatedId();
            }
            return;
        }
        if (!batch.isEmpty() && (batch.size() >= settings.batchSize()
                || batchBytes + record.json().length + 1 > settings.target().maxBatchBytes())) {
            dispatch();
        }
        batch.add(record);
        batchBytes += record.json().length + 1;
    }

    private void sendProducts() throws ImportFailedException {
        for (PendingRecord record : products.values()) {
            if (!batch.isEmpty() && (batch.size() >= settings.batchSize()
                    || batchBytes + record.json().length + 1 > settings.target().maxBatchBytes())) {
                dispatch();
                maybeReportProgress();
            }
            batch.add(record);
            batchBytes += record.json().length + 1;
        }
        dispatch();
    }

    /** Hands the current batch to the sender once the previous request has been answered. */
    private void dispatch() throws ImportFailedException {
        if (batch.isEmpty()) {
            return;
        }
        List<PendingRecord> records = batch;
        batch = new ArrayList<>(Math.min(settings.batchSize(), 16_384));
        batchBytes = 0;
        awaitInFlight();
        inFlight = sender.submit(() -> {
            send(records);
            return null;
        });
    }

    private void awaitInFlight() throws ImportFailedException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImportFailedException failed) {
                throw failed;
            }
            throw new ImportFailedException("sending failed: " + e.getCause(), report(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted", report(), e);
        } finally {
            inFlight = null;
        }
    }

    private void send(List<PendingRecord> records) throws ImportFailedException {
        int size = records.stream().mapToInt(r -> r.json().length + 1).sum();
        byte[] body = new byte[size];
        int at = 0;
        for (PendingRecord record : records) {
            System.arraycopy(record.json(), 0, body, at, record.json().length);
            at += record.json().length;
            body[at++] = '\n';
        }
        // Resending is safe only when the server can recognise what it already stored.
        boolean idempotent = settings.target() == ImportTarget.PRODUCTS
                || records.stream().allMatch(r -> r.id() != null);
        String lines = "lines " + records.get(0).line() + "-" + records.get(records.size() - 1).line();
        ImportTarget target = settings.target();
        String path = target.apiPath(pathSegment(settings.catalog()));
        for (int attempt = 1; ; attempt++) {
            AttuneClient.Answer answer;
            try {
                answer = client.send(target.httpMethod(), path, "application/x-ndjson", body);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt < MAX_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new ImportFailedException(unreachable(serverUrl, e), report(), e);
            } catch (IOException e) {
                if (idempotent && attempt < MAX_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw new ImportFailedException("the connection to " + serverUrl + " broke while sending " + lines
                        + ": " + e + (idempotent ? "" : "; the records have no eventId, so they were not resent"
                        + " (they might be stored twice)"), report(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportFailedException("interrupted while sending " + lines, report(), e);
            }
            if (answer.status() == 503 && attempt < MAX_ATTEMPTS) {
                pause(attempt);
                continue;
            }
            if (answer.ok() || (answer.status() == 400 && answer.body().has("received"))) {
                tally.answered(records, answer.body(), target);
                return;
            }
            throw new ImportFailedException("the server refused " + lines + ": " + refusal(answer), report(), null);
        }
    }

    private void pause(int attempt) throws ImportFailedException {
        try {
            Thread.sleep(500L << (2 * (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted", report(), e);
        }
    }

    /** The message for a server that cannot be reached (also before the import, in {@link CatalogCheck}). */
    static String unreachable(String serverUrl, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot reach Attune at " + serverUrl + " (" + reason + "); is `attune serve` running there?"
                + " (set the address with --url or ATTUNE_URL)";
    }

    /** The server's refusal in words, with what to do about it where that is known. */
    static String refusal(AttuneClient.Answer answer) {
        JsonNode body = answer.body();
        String message = body.path("message").asText(body.isTextual() ? body.asText() : "");
        String code = body.path("code").asText("");
        String hint = switch (answer.status()) {
            case 401 -> "the server refused the API key; pass a valid key with --key or ATTUNE_KEY";
            case 403 -> "the key's role does not allow this; use an admin key";
            case 413 -> "the request is too large; use a smaller --batch";
            default -> "";
        };
        return "HTTP " + answer.status() + (code.isEmpty() ? "" : " " + code)
                + (message.isEmpty() ? "" : ": " + message)
                + (hint.isEmpty() ? "" : " (" + hint + ")");
    }

    static String pathSegment(String text) {
        return text == null ? null : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void maybeReportProgress() {
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            listener.progress(progress());
        }
    }

    private ImportProgress progress() {
        return tally.progress(Duration.ofNanos(System.nanoTime() - started), settings.target());
    }

    private ImportReport report() {
        return tally.report(settings.target(), Duration.ofNanos(System.nanoTime() - started));
    }

}
