package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.attune.server.importing.AttuneClient;
import org.attune.server.importing.BulkImporter;
import org.attune.server.importing.ImportFailedException;
import org.attune.server.importing.ImportFile;
import org.attune.server.importing.ImportListener;
import org.attune.server.importing.ImportPresets;
import org.attune.server.importing.ImportProgress;
import org.attune.server.importing.ImportReport;
import org.attune.server.importing.ImportSettings;
import org.attune.server.importing.ImportTarget;
import org.attune.server.importing.MappingException;
import org.attune.server.importing.RejectedRecord;
import org.attune.server.importing.ResolvedMapping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attune import products|events}: loads a file through the HTTP API of a running
 * server (see docs/import.md). Progress and the summary go to stderr.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bulk-load products or events from NDJSON or CSV (plain or gzip, or - for stdin) through the"
                + " HTTP API of a running server.",
                "Exit status: 0 everything stored, 1 some records rejected, 2 wrong arguments or mapping,"
                        + " 3 the import could not go on (server unreachable, key refused, catalog missing)."},
        footer = {"", "Example:",
                "  attune import events --catalog ml-100k --preset movielens-100k-ratings"
                        + " ../shared/data/ml-100k/u.data.gz"})
final class ImportCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_REJECTED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_FAILED = 3;
    private static final int SHOWN_REJECTIONS = 5;

    private CommandLine.Model.CommandSpec spec;

    /** Picocli hands over the model here; the preset names are listed from the registry, not repeated in text. */
    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec commandSpec) {
        this.spec = commandSpec;
        String[] footer = commandSpec.usageMessage().footer();
        String[] withPresets = java.util.Arrays.copyOf(footer, footer.length + 2);
        withPresets[footer.length] = "";
        withPresets[footer.length + 1] = "Presets (--preset): " + String.join(", ", ImportPresets.NAMES);
        commandSpec.usageMessage().footer(withPresets);
    }

    @Parameters(index = "0", paramLabel = "products|events", description = "What the file holds.")
    String what;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file (gzip is recognised), or - for stdin.")
    String file;

    @Option(names = "--catalog", paramLabel = "C",
            description = "Catalog id: required for products; for events it fills in events that name no catalog.")
    String catalog;

    @Option(names = "--format", paramLabel = "ndjson|csv",
            description = "File format (default: csv with --mapping or --preset, else ndjson).")
    String format;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Column mapping for CSV (see docs/import.md).")
    Path mapping;

    @Option(names = "--preset", paramLabel = "NAME", description = "A shipped column mapping for a public data set.")
    String preset;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:ATTUNE_URL:-http://127.0.0.1:8080}",
            description = "Server address (env ATTUNE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:ATTUNE_KEY}",
            description = "API key (env ATTUNE_KEY): admin, or ingest for events.")
    String key;

    @Option(names = "--batch", paramLabel = "N",
            description = "Records per request (events default 5000, max 10000; products default 20000).")
    Integer batch;

    @Option(names = "--create-catalog",
            description = "Create the catalog when it does not exist, from the preset's or mapping's definition.")
    boolean createCatalog;

    @Option(names = "--catalog-definition", paramLabel = "FILE",
            description = "Catalog definition JSON for --create-catalog (overrides the mapping's).")
    Path catalogDefinition;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ImportSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            err.println("attune import: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        err.printf("Importing %s from %s%s into %s at %s%n", settings.target().jsonName(), file,
                settings.mapping() == null ? " (NDJSON)" : " (" + settings.mapping().origin() + ")",
                catalog == null ? "no particular catalog" : "catalog '" + catalog + "'", url);
        err.flush();
        AttuneClient client = new AttuneClient(url, key);
        BulkImporter importer = new BulkImporter(client, url, new ProgressPrinter(err));
        try (InputStream in = ImportFile.open(file, System.in)) {
            ImportReport report = importer.run(settings, in);
            printSummary(err, report);
            return report.rejected() > 0 ? EXIT_REJECTED : EXIT_OK;
        } catch (NoSuchFileException e) {
            err.println("attune import: file not found: " + file);
            return EXIT_USAGE;
        } catch (MappingException e) {
            err.println("attune import: " + e.getMessage());
            return EXIT_USAGE;
        } catch (ImportFailedException e) {
            if (e.partial() != null) {
                printSummary(err, e.partial());
            }
            err.println("attune import failed: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException e) {
            err.println("attune import failed: cannot read " + file + ": " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            err.flush();
        }
    }

    private ImportSettings settings() {
        ImportTarget target = switch (what.toLowerCase(Locale.ROOT)) {
            case "events" -> ImportTarget.EVENTS;
            case "products" -> ImportTarget.PRODUCTS;
            default -> throw new IllegalArgumentException("first argument must be products or events, got '" + what
                    + "'");
        };
        if (mapping != null && preset != null) {
            throw new IllegalArgumentException("give --mapping or --preset, not both");
        }
        ResolvedMapping resolved = preset != null ? ImportPresets.load(preset)
                : mapping != null ? ResolvedMapping.fromFile(mapping) : null;
        ImportSettings.Format fileFormat;
        if (format == null) {
            fileFormat = resolved != null ? ImportSettings.Format.CSV : ImportSettings.Format.NDJSON;
        } else {
            fileFormat = switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> ImportSettings.Format.CSV;
                case "ndjson", "jsonl" -> ImportSettings.Format.NDJSON;
                default -> throw new IllegalArgumentException("--format must be ndjson or csv, got '" + format + "'");
            };
        }
        JsonNode definition = catalogDefinition != null ? readDefinition(catalogDefinition)
                : resolved == null ? null : resolved.catalogDefinition();
        int batchSize = batch != null ? batch : target.defaultBatch();
        return new ImportSettings(target, catalog, fileFormat, resolved, batchSize, createCatalog, definition, file);
    }

    private static JsonNode readDefinition(Path path) {
        try {
            return org.attune.core.json.Json.MAPPER.readTree(java.nio.file.Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("--catalog-definition " + path + ": " + (e instanceof NoSuchFileException
                    ? "file not found" : e.getMessage()));
        }
    }

    static void printSummary(PrintWriter err, ImportReport r) {
        double seconds = r.elapsed().toMillis() / 1000.0;
        err.printf(Locale.ROOT, "Done in %.1f s: %,d records read, %,.0f records/s%n", seconds, r.recordsRead(),
                r.recordsPerSecond());
        if (r.skipped() > 0) {
            line(err, "skipped", r.skipped(), "by the mapping: " + counts(r.skippedBy()));
        }
        if (r.target() == ImportTarget.EVENTS) {
            line(err, "accepted", r.accepted(), "");
            line(err, "duplicates", r.duplicates(), r.duplicates() > 0 ? "eventId already stored, not stored again"
                    : "");
        } else {
            if (r.repeatedIds() > 0) {
                line(err, "repeated ids", r.repeatedIds(), "rows whose product id came again later; the last row wins");
            }
            line(err, "products", r.sent(), "sent");
            line(err, "added", r.added(), "");
            line(err, "changed", r.changed(), "");
            line(err, "unchanged", r.unchanged(), "");
        }
        line(err, "rejected", r.rejected(), r.rejected() > 0 ? counts(r.rejectedBy()) : "");
        r.firstRejections().stream().limit(SHOWN_REJECTIONS)
                .forEach(rejection -> err.println("      " + describe(rejection)));
        if (r.rejected() > SHOWN_REJECTIONS) {
            err.printf(Locale.ROOT, "      ... and %,d more%n", r.rejected() - SHOWN_REJECTIONS);
        }
        err.flush();
    }

    private static String describe(RejectedRecord rejection) {
        String text = rejection.describe();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void line(PrintWriter err, String label, long value, String note) {
        err.printf(Locale.ROOT, "  %-12s %,12d%s%n", label, value, note.isEmpty() ? "" : "   " + note);
    }

    private static String counts(Map<String, Long> byReason) {
        return byReason.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Prints a progress line to stderr every few seconds. */
    private static final class ProgressPrinter implements ImportListener {
        private final PrintWriter err;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(ImportProgress p) {
            double seconds = Math.max(p.elapsed().toMillis(), 1) / 1000.0;
            err.printf(Locale.ROOT, "  %6.1f s  %,12d read  %,12d stored  %,10.0f records/s%n", seconds,
                    p.recordsRead(), p.stored(), p.recordsRead() / seconds);
            err.flush();
        }

        @Override
        public void note(String message) {
            err.println("  " + message);
            err.flush();
        }
    }
}
