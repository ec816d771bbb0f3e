package org.attune.core.outcome;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.attune.core.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every answer served, one JSON line each, in one file per day ({@code yyyy-MM-dd.jsonl}, UTC,
 * by when it was written). Requests hand answers over and go on; the {@code decision-log}
 * thread writes them and forces them to disk at least every {@link #FORCE_INTERVAL_MILLIS}
 * milliseconds, so a crash loses at most the answers of that last moment, never events (which
 * have their own log). Only answers on disk reach the {@linkplain #start listener}, so what
 * the reports count is always what a restart reads back. Files older than the retention are
 * deleted. Thread-safe.
 */
public final class DecisionLog implements AutoCloseable {
    /** How often the writer takes the answers handed over and writes them. */
    public static final long WRITE_INTERVAL_MILLIS = 50;
    /** How often written answers are forced to disk: an answer is on disk at most 0.25 s after it was given. */
    public static final long FORCE_INTERVAL_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final String SUFFIX = ".jsonl";
    private static final int MAX_BATCH = 20_000;
    // Field names encoded once: the writer encodes every answer served.
    private static final SerializedString REC_ID_FIELD = new SerializedString("recId");
    private static final SerializedString AT_FIELD = new SerializedString("at");
    private static final SerializedString KIND_FIELD = new SerializedString("kind");
    private static final SerializedString CATALOG_FIELD = new SerializedString("catalog");
    private static final SerializedString CHANNEL_FIELD = new SerializedString("channel");
    private static final SerializedString PLACEMENT_FIELD = new SerializedString("placement");
    private static final SerializedString STRATEGY_FIELD = new SerializedString("strategy");
    private static final SerializedString SOURCE_FIELD = new SerializedString("source");
    private static final SerializedString MODEL_FIELD = new SerializedString("model");
    private static final SerializedString FALLBACK_FIELD = new SerializedString("fallback");
    private static final SerializedString PERSON_FIELD = new SerializedString("person");
    private static final SerializedString PERSON_ID_FIELD = new SerializedString("personId");
    private static final SerializedString EXPRESSION_ERRORS_FIELD = new SerializedString("expressionErrors");
    private static final SerializedString ITEMS_FIELD = new SerializedString("items");
    private static final SerializedString ID_FIELD = new SerializedString("id");
    private static final SerializedString POSITION_FIELD = new SerializedString("position");
    private static final SerializedString SCORE_FIELD = new SerializedString("score");

    /**
     * A place in the log: the file's name and a byte offset in it.
     */
    public record Position(String file, long offset) {
        public static final Position START = new Position("", 0);
    }

    private final Path dir;
    private final Duration retention;
    private final Clock clock;
    // Lock-free, and the writer is never woken by a request: it looks every WRITE_INTERVAL_MILLIS.
    private final ConcurrentLinkedQueue<ServedAnswer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private volatile Position durable;
    private volatile boolean closing;
    private Thread writer;
    private BiConsumer<List<ServedAnswer>, Position> listener = (answers, position) -> {
    };
    private FileChannel channel;
    private String channelFile;
    private long lastRetentionCheck;
    private final java.util.Set<String> toForget = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long forgotten;

    /**
     * @param retention how long answers are kept (whole days; files older are deleted)
     * @param capacity most answers waiting to be written; a request waits beyond it
     */
    public DecisionLog(Path dir, Duration retention, int capacity, Clock clock) throws IOException {
        if (retention.toDays() < 1) {
            throw new IllegalArgumentException("the decision log keeps at least one day");
        }
        this.dir = dir;
        this.retention = retention;
        this.clock = clock;
        this.capacity = capacity;
        Files.createDirectories(dir);
        cutTornEnd();
        json = Json.MAPPER.getFactory().createGenerator(buffer, JsonEncoding.UTF8);
        json.enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
        List<String> files = files();
        String last = files.isEmpty() ? "" : files.get(files.size() - 1);
        durable = last.isEmpty() ? Position.START : new Position(last, Files.size(dir.resolve(last)));
    }

    /**
     * Starts writing; {@code onDurable} hears each group of answers once it is on disk, on the
     * writer thread, in log order, with the position after them.
     */
    public synchronized void start(BiConsumer<List<ServedAnswer>, Position> onDurable) {
        listener = onDurable;
        writer = new Thread(this::run, "decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands an answer over to be written; waits only when {@code capacity} answers are waiting. */
    public void append(ServedAnswer answer) {
        if (closing) {
            return;
        }
        while (waiting.get() >= capacity && !closing) {
            LockSupport.parkNanos(1_000_000); // the disk is behind: requests wait rather than memory growing
        }
        queue.offer(answer);
        waiting.incrementAndGet();
    }

    /**
     * Blanks these ids (a person's, after a privacy deletion) in every answer on disk: the
     * writer overwrites {@code "person"} and {@code "personId"} of the answers given to them with
     * spaces, in place, so every position stays valid; the answers stay, anonymous. Done on
     * the writer thread before it writes anything else.
     */
    public void forget(java.util.Collection<String> ids) {
        toForget.addAll(ids);
    }

    /** Answers whose person was blanked since start. */
    public long forgotten() {
        return forgotten;
    }

    /** The position after the last answer on disk. */
    public Position durable() {
        return durable;
    }

    /** Answers waiting to be written. */
    public int backlog() {
        return waiting.get();
    }

    /**
     * Reads every answer on disk after {@code from}, in order, and returns the position after
     * the last. A line that cannot be read (torn by a crash, or damaged) is skipped and logged.
     */
    public Position read(Position from, Consumer<ServedAnswer> sink) throws IOException {
        Position end = from;
        for (String name : files()) {
            if (name.compareTo(from.file()) < 0) {
                continue;
            }
            long start = name.equals(from.file()) ? from.offset() : 0;
            long offset = readFile(dir.resolve(name), start, sink);
            end = new Position(name, offset);
        }
        return end;
    }

    /** Reads the answers given at or after {@code sinceMillis} from the files that may hold them. */
    public void readSince(long sinceMillis, Consumer<ServedAnswer> sink) throws IOException {
        String first = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(sinceMillis), ZoneOffset.UTC) + SUFFIX;
        read(new Position(first, 0), answer -> {
            if (answer.at() >= sinceMillis) {
                sink.accept(answer);
            }
        });
    }

    private long readFile(Path file, long start, Consumer<ServedAnswer> sink) throws IOException {
        long offset = start;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            in.position(start);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(in),
                    StandardCharsets.UTF_8), 1 << 16);
            String line;
            while ((line = reader.readLine()) != null) {
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (line.isEmpty()) {
                    continue;
                }
                ServedAnswer answer;
                try {
                    answer = decode(Json.MAPPER.readTree(line));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipped an unreadable line of the decision log {} before byte {}", file, offset);
                    continue;
                }
                sink.accept(answer);
            }
        }
        return Math.min(offset, Files.size(file));
    }

    private void run() {
        List<ServedAnswer> batch = new ArrayList<>();
        List<ServedAnswer> unforced = new ArrayList<>();
        long lastForce = System.nanoTime(); // intervals by the monotonic clock; the clock only names the files
        boolean full = false;
        while (true) {
            try {
                if (!full && !closing) {
                    LockSupport.parkNanos(WRITE_INTERVAL_MILLIS * 1_000_000);
                }
                boolean stopping = closing;
                if (!toForget.isEmpty()) {
                    if (!unforced.isEmpty()) {
                        force(unforced);
                        unforced = new ArrayList<>();
                    }
                    redact();
                }
                ServedAnswer answer;
                while (batch.size() < MAX_BATCH && (answer = queue.poll()) != null) {
                    batch.add(answer);
                }
                full = batch.size() == MAX_BATCH;
                if (!batch.isEmpty()) {
                    write(batch);
                    waiting.addAndGet(-batch.size());
                    unforced.addAll(batch);
                    batch.clear();
                }
                long nanos = System.nanoTime();
                if (!unforced.isEmpty() && (nanos - lastForce >= FORCE_INTERVAL_MILLIS * 1_000_000 || stopping)) {
                    force(unforced);
                    unforced = new ArrayList<>();
                    lastForce = nanos;
                }
                long now = clock.millis();
                if (now - lastRetentionCheck > 3_600_000L) {
                    lastRetentionCheck = now;
                    deleteExpired(now);
                }
                if (stopping && !full && unforced.isEmpty() && queue.isEmpty()) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("the decision log could not write {} answers; retrying", batch.size(), e);
                sleepQuietly();
            }
        }
    }

    private void write(List<ServedAnswer> answers) throws IOException {
        String name = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + SUFFIX;
        if (!name.equals(channelFile)) {
            if (channel != null) {
                channel.force(false);
                channel.close();
            }
            channel = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            channelFile = name;
        }
        buffer.reset();
        for (ServedAnswer answer : answers) {
            encode(answer);
        }
        json.flush();
        ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void force(List<ServedAnswer> answers) throws IOException {
        channel.force(false);
        durable = new Position(channelFile, channel.size());
        listener.accept(answers, durable);
    }

    private void encode(ServedAnswer answer) throws IOException {
        AnswerDimensions d = answer.dimensions();
        json.writeStartObject();
        string(REC_ID_FIELD, answer.recId());
        number(AT_FIELD, answer.at());
        string(KIND_FIELD, d.kind());
        string(CATALOG_FIELD, d.catalog());
        string(CHANNEL_FIELD, d.channel());
        string(PLACEMENT_FIELD, d.placement());
        string(STRATEGY_FIELD, d.strategy());
        string(SOURCE_FIELD, d.source());
        string(MODEL_FIELD, d.model());
        if (answer.fallback() != null) {
            string(FALLBACK_FIELD, answer.fallback());
        }
        if (answer.person() != null) {
            string(PERSON_FIELD, answer.person());
        }
        if (answer.personId() != null) {
            number(PERSON_ID_FIELD, answer.personId());
        }
        number(EXPRESSION_ERRORS_FIELD, answer.expressionErrors());
        json.writeFieldName(ITEMS_FIELD);
        json.writeStartArray();
        for (int i = 0; i < answer.items().size(); i++) {
            json.writeStartObject();
            string(ID_FIELD, answer.items().get(i));
            number(POSITION_FIELD, i + 1);
            double score = answer.scores()[i];
            number(SCORE_FIELD, Double.isFinite(score) ? score : 0);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void string(SerializedString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private void number(SerializedString name, long value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
    }

    private void number(SerializedString name, double value) throws IOException {
        json.writeFieldName(name);
        json.writeNumber(value);
    }

    static ServedAnswer decode(JsonNode node) {
        AnswerDimensions dimensions = new AnswerDimensions(node.path("kind").asText(), node.path("catalog").asText(),
                node.path("channel").asText(), node.path("placement").asText(), node.path("strategy").asText(),
                node.path("source").asText(), node.path("model").asText());
        JsonNode items = node.path("items");
        List<String> ids = new ArrayList<>(items.size());
        double[] scores = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            ids.add(items.get(i).path("id").asText());
            scores[i] = items.get(i).path("score").asDouble();
        }
        String recId = node.path("recId").asText(null);
        if (recId == null || !node.path("at").canConvertToLong()) {
            throw new IllegalArgumentException("an answer without recId or time");
        }
        return new ServedAnswer(recId, node.path("at").asLong(), dimensions,
                node.path("person").asText(null), node.hasNonNull("personId") ? node.get("personId").asLong() : null,
                node.path("fallback").asText(null), ids, scores, node.path("expressionErrors").asInt());
    }

    private void redact() throws IOException {
        java.util.Set<String> ids = new java.util.HashSet<>(toForget);
        List<byte[]> patterns = new ArrayList<>(ids.size());
        for (String id : ids) {
            patterns.add((",\"person\":" + Json.MAPPER.writeValueAsString(id)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] personId = ",\"personId\":".getBytes(StandardCharsets.UTF_8);
        int longest = patterns.stream().mapToInt(p -> p.length).max().orElse(0) + personId.length + 21;
        for (String name : files()) {
            try (FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                boolean changed = false;
                long size = channel.size();
                ByteBuffer chunk = ByteBuffer.allocate(Math.max(1 << 20, 4 * longest));
                // Windows overlapping by the longest match, so a match across two reads is seen whole.
                for (long offset = 0; offset < size; offset += chunk.capacity() - longest) {
                    chunk.clear();
                    channel.read(chunk, offset);
                    byte[] bytes = java.util.Arrays.copyOf(chunk.array(), chunk.position());
                    boolean last = offset + bytes.length >= size;
                    // A match starting in the overlap is left to the next window, which holds it whole.
                    int stop = last ? bytes.length : bytes.length - longest;
                    for (byte[] pattern : patterns) {
                        for (int at = indexOf(bytes, pattern, 0); at >= 0 && at < stop;
                             at = indexOf(bytes, pattern, at + 1)) {
                            int end = at + pattern.length;
                            if (startsWith(bytes, end, personId)) {
                                end += personId.length;
                                while (end < bytes.length && (bytes[end] == '-' || Character.isDigit(bytes[end]))) {
                                    end++;
                                }
                            }
                            byte[] blank = new byte[end - at];
                            java.util.Arrays.fill(blank, (byte) ' ');
                            System.arraycopy(blank, 0, bytes, at, blank.length);
                            channel.write(ByteBuffer.wrap(blank), offset + at);
                            changed = true;
                            forgotten++;
                        }
                    }
                    if (last) {
                        break;
                    }
                }
                if (changed) {
                    channel.force(false);
                }
            }
        }
        toForget.removeAll(ids);
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (bytes[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    /** A crash may leave half a line at the end of the newest file; it was never on disk whole, so it goes. */
    private void cutTornEnd() throws IOException {
        List<String> files = files();
        if (files.isEmpty()) {
            return;
        }
        Path newest = dir.resolve(files.get(files.size() - 1));
        try (FileChannel file = FileChannel.open(newest, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = file.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                file.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                LOG.warn("cut {} bytes of an answer torn by a crash from the end of {}", size - end, newest);
                file.truncate(end);
                file.force(true);
            }
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .sorted().toList();
        }
    }

    private void deleteExpired(long now) {
        String oldestKept = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(now), ZoneOffset.UTC)
                .minusDays(retention.toDays()) + SUFFIX;
        try {
            for (String name : files()) {
                if (name.compareTo(oldestKept) < 0 && !name.equals(channelFile)) {
                    Files.deleteIfExists(dir.resolve(name));
                    LOG.info("deleted the decision log {} (kept {} days)", name, retention.toDays());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not delete old decision logs", e);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes and forces every answer handed over, then stops the writer. */
    @Override
    public void close() throws IOException {
        closing = true;
        Thread thread;
        synchronized (this) {
            thread = writer;
        }
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (channel != null) {
            channel.close();
        }
        json.close();
    }
}
