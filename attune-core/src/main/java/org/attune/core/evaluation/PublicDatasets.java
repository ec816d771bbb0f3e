package org.attune.core.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.HashMap;
import java.util.zip.GZIPInputStream;
import org.attune.core.model.Interactions;
import org.attune.core.model.Sessions;

/**
 * Loads the public benchmark data sets (kept outside the project, in {@code ../shared/data};
 * their terms allow internal benchmark use only) as implicit feedback: every rating is one
 * interaction of value 1, whatever its stars, as in the protocols the targets quote; every
 * click of a click-session data set is a view of a product by an anonymous session, as
 * ordered {@link Sessions} or, with each session as one person, as {@link Interactions}.
 * Mappings are documented in {@code docs/evaluation.md}.
 */
public final class PublicDatasets {
    /** Names accepted by {@link #load}. */
    public static final List<String> NAMES = List.of("ml-100k", "ml-1m", "ml-latest-small",
            "amazon-musical-instruments", "online-retail", "yoochoose-100k");

    /** Data sets whose interactions carry times (the others support no time-based protocol). */
    public static final List<String> TIMED = List.of("ml-100k", "ml-latest-small", "amazon-musical-instruments",
            "online-retail", "yoochoose-100k");

    /** Data sets of anonymous click sessions with a prepared train/test split, for {@link #loadSessions}. */
    public static final List<String> SESSIONS = List.of("yoochoose-100k");

    private PublicDatasets() {
    }

    /**
     * @param name one of {@link #NAMES}
     * @param root the directory holding the data sets (e.g. {@code ../shared/data})
     */
    public static Interactions load(String name, Path root) {
        return switch (name) {
            case "ml-100k" -> read(root.resolve("ml-100k/u.data.gz"), "\t", false);
            case "ml-1m" -> read(root.resolve("ml-1m/ratings_no_timestamp.dat.gz"), "::", false);
            case "ml-latest-small" -> read(root.resolve("ml-latest-small/ratings.csv.gz"), ",", true);
            case "amazon-musical-instruments" -> read(
                    root.resolve("amazon-musical-instruments-5core/ratings.csv.gz"), ",", true);
            case "online-retail" -> onlineRetail(root.resolve("online-retail-uci/online_retail.csv.gz"));
            case "yoochoose-100k" -> clicks(root.resolve("yoochoose-100k/train_full.tsv.gz"),
                    root.resolve("yoochoose-100k/test.tsv.gz")).toInteractions();
            default -> throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + NAMES);
        };
    }

    /** Data sets whose products have attributes ({@link #attributes}): the MovieLens genres. */
    public static final List<String> WITH_ATTRIBUTES = List.of("ml-100k", "ml-1m", "ml-latest-small");

    /**
     * The products' attribute values as affinity models read them ({@code attribute + U+001F +
     * value}): each MovieLens movie's genres as values of {@code genre}. Empty for data sets
     * without product attributes.
     */
    public static Map<String, List<String>> attributes(String name, Path root) {
        Map<String, List<String>> values = new HashMap<>();
        switch (name) {
            case "ml-100k" -> {
                List<String> genres = new ArrayList<>();
                lines(root.resolve("ml-100k/u.genre.gz"), line -> {
                    if (!line.isBlank()) {
                        genres.add(line.substring(0, line.lastIndexOf('|')));
                    }
                });
                lines(root.resolve("ml-100k/u.item.gz"), line -> {
                    String[] fields = line.split("\\|", -1);
                    List<String> movie = new ArrayList<>();
                    for (int g = 0; g < genres.size() && 5 + g < fields.length; g++) {
                        if (fields[5 + g].equals("1")) {
                            movie.add("genre\u001F" + genres.get(g));
                        }
                    }
                    values.put(fields[0], movie);
                });
            }
            case "ml-1m" -> lines(root.resolve("ml-1m/movies.dat.gz"), line -> {
                String[] fields = line.split("::", -1);
                values.put(fields[0], genres(fields[2], "\\|"));
            });
            case "ml-latest-small" -> lines(root.resolve("ml-latest-small/movies.csv.gz"), line -> {
                if (!line.startsWith("movieId,")) {
                    values.put(line.substring(0, line.indexOf(',')), genres(line.substring(line.lastIndexOf(',') + 1),
                            "\\|"));
                }
            });
            default -> {
                // no product attributes
            }
        }
        return values;
    }

    private static List<String> genres(String text, String separator) {
        List<String> list = new ArrayList<>();
        for (String genre : text.split(separator)) {
            if (!genre.isBlank() && !genre.equals("(no genres listed)")) {
                list.add("genre\u001F" + genre);
            }
        }
        return list;
    }

    private static void lines(Path file, java.util.function.Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.ISO_8859_1))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    /**
     * A session data set with its prepared train/test split, made evaluable as in
     * {@link SessionSplit#prepared}.
     *
     * @param name one of {@link #SESSIONS}
     * @param root the directory holding the data sets (e.g. {@code ../shared/data})
     */
    public static SessionSplit loadSessions(String name, Path root) {
        if (!name.equals("yoochoose-100k")) {
            throw new IllegalArgumentException("'" + name + "' is not a session data set; those are: " + SESSIONS);
        }
        Path folder = root.resolve("yoochoose-100k");
        return SessionSplit.prepared(clicks(folder.resolve("train_full.tsv.gz")), clicks(folder.resolve("test.tsv.gz")),
                "session-rec's prepared time split of YOOCHOOSE (RSC15) clicks");
    }

    /**
     * Session-rec's prepared click files, read into one set of sessions: tab-separated
     * {@code SessionId ItemId Time} after a header line, the time in epoch seconds with a
     * fraction (kept to the millisecond). Each line is one click: a view of a product by an
     * anonymous session.
     */
    private static Sessions clicks(Path... files) {
        Sessions.Builder builder = Sessions.builder();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("data set file not found: " + file.toAbsolutePath());
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
                String header = reader.readLine();
                if (header == null || !header.strip().equals("SessionId\tItemId\tTime")) {
                    throw new IllegalArgumentException(file + ": expected the header SessionId<tab>ItemId<tab>Time,"
                            + " got '" + header + "'");
                }
                int lineNumber = 1;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNumber++;
                    if (!line.isBlank()) {
                        addClick(builder, line, file, lineNumber);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
        }
        return builder.build();
    }

    private static void addClick(Sessions.Builder builder, String line, Path file, int lineNumber) {
        String[] fields = line.split("\t");
        if (fields.length != 3) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": expected SessionId, ItemId and Time"
                    + " separated by tabs, got " + Arrays.toString(fields));
        }
        long timeMillis;
        try {
            timeMillis = Math.round(Double.parseDouble(fields[2].trim()) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": the time '" + fields[2]
                    + "' is not epoch seconds", e);
        }
        builder.add(fields[0].trim(), fields[1].trim(), timeMillis);
    }

    private static final java.time.format.DateTimeFormatter INVOICE_DATE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * The UCI Online Retail invoices: a purchase line with a customer is one interaction of
     * value 1 between the customer and the stock code, at the invoice time (read as UTC);
     * cancellations (invoice numbers starting with C), lines without a customer and lines with
     * a quantity of 0 or less are left out.
     */
    private static Interactions onlineRetail(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data set file not found: " + file.toAbsolutePath());
        }
        Interactions.Builder builder = Interactions.builder();
        org.apache.commons.csv.CSVFormat format = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true).get();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
             org.apache.commons.csv.CSVParser parser = format.parse(reader)) {
            for (org.apache.commons.csv.CSVRecord line : parser) {
                String customer = line.get("CustomerID");
                if (line.get("InvoiceNo").startsWith("C") || customer.isBlank()
                        || Double.parseDouble(line.get("Quantity")) <= 0) {
                    continue;
                }
                long time = java.time.LocalDateTime.parse(line.get("InvoiceDate"), INVOICE_DATE)
                        .toEpochSecond(java.time.ZoneOffset.UTC);
                builder.add(customer.endsWith(".0") ? customer.substring(0, customer.length() - 2) : customer,
                        line.get("StockCode"), 1f, time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return builder.build();
    }

    /** Lines of {@code user SEP item SEP rating [SEP time (epoch seconds)]}, after a header line when there is one. */
    private static Interactions read(Path file, String separator, boolean header) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data set file not found: " + file.toAbsolutePath());
        }
        Interactions.Builder builder = Interactions.builder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.ISO_8859_1))) {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || (header && lineNumber == 1)) {
                    continue;
                }
                String[] fields = line.split(java.util.regex.Pattern.quote(separator));
                if (fields.length < 3) {
                    throw new IllegalArgumentException(file + " line " + lineNumber + ": expected user" + separator
                            + "item" + separator + "rating, got " + Arrays.toString(fields));
                }
                long time = 0;
                if (fields.length > 3) {
                    try {
                        time = Long.parseLong(fields[3].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNumber + ": the time '" + fields[3]
                                + "' is not epoch seconds", e);
                    }
                }
                builder.add(fields[0], fields[1], 1f, time);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return builder.build();
    }
}
