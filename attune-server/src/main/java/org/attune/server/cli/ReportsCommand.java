package org.attune.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.outcome.ReportQuery;
import org.attune.core.validation.InvalidInputException;
import org.attune.server.app.ReportRebuild;
import org.attune.server.http.ReportJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code attune reports}: reports computed offline from a stopped server's data directory. */
@Command(name = "reports", mixinStandardHelpOptions = true, description = "Reports of what answers earned.",
        subcommands = {ReportsCommand.Rebuild.class})
final class ReportsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Recomputes the report from the event log and the decision log. */
    @Command(name = "rebuild", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Recomputes a report from the data directory's event log and decision log alone (no"
                    + " snapshot), as GET /v1/reports would answer it, and prints it (JSON, or CSV). Stop the"
                    + " server first: the embedded database allows one process."},
            footer = {"", "Exit status: 0 done, 2 bad options, 1 the data directory could not be read."})
    static final class Rebuild implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The server's data directory")
        Path dataDir;

        @Option(names = "--from", paramLabel = "TIME", description = "Start: a date (2026-12-01) or an ISO-8601"
                + " time (default: 7 days before --to)")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now)")
        String to;

        @Option(names = "--granularity", defaultValue = "day", description = "hour or day (default: ${DEFAULT-VALUE})")
        String granularity;

        @Option(names = "--group-by", paramLabel = "NAMES", description = "Comma-separated: catalog, channel, kind,"
                + " placement, strategy, source, model")
        String groupBy;

        @Option(names = "--catalog", description = "Only this catalog")
        String catalog;

        @Option(names = "--format", defaultValue = "json", description = "json or csv (default: ${DEFAULT-VALUE})")
        String format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            long end = to == null ? System.currentTimeMillis() : time(to, "--to");
            long start = from == null ? end - ReportQuery.DEFAULT_DAYS * ReportQuery.DAY : time(from, "--from");
            if (!format.equals("json") && !format.equals("csv")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format is json or csv");
            }
            List<String> groupings = groupBy == null || groupBy.isBlank() ? List.of()
                    : Arrays.stream(groupBy.split(",")).map(String::trim).toList();
            ReportQuery query;
            try {
                query = new ReportQuery(start, end, granularity, groupings, catalog);
            } catch (InvalidInputException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + ": "
                        + e.problems().stream().map(p -> p.message()).toList());
            }
            long started = System.nanoTime();
            ReportRebuild.Rebuilt rebuilt = ReportRebuild.rebuild(dataDir, query, Clock.systemUTC());
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("csv")) {
                out.print(ReportJson.csv(rebuilt.report()));
            } else {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                        ReportJson.of(rebuilt.report())));
            }
            out.flush();
            spec.commandLine().getErr().printf("Rebuilt from %,d events and the decision log in %.1f s%n",
                    rebuilt.events(), (System.nanoTime() - started) / 1e9);
            return 0;
        }

        private long time(String text, String option) {
            Long time = ReportQuery.time(text);
            if (time == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + ": not a date (2026-12-01) or"
                        + " an ISO-8601 time: " + text);
            }
            return time;
        }
    }
}
