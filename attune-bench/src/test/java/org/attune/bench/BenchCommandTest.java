package org.attune.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The load commands against a real server process with a tiny shop, where the server's jar
 * has been built ({@code ./mvnw -q package -DskipTests -pl attune-server -am}); skipped
 * otherwise.
 */
class BenchCommandTest {
    private static final Path SERVER_JAR = Path.of("../attune-server/target/attune-server.jar");
    private static final List<String> TINY = List.of("--server-jar", SERVER_JAR.toString(), "--products", "200",
            "--shoppers", "300", "--seconds", "1", "--warmup-seconds", "1", "--open-loop-connections", "2",
            "--connections", "2", "--server-heap", "512m");
    private static final Pattern DATA_DIR = Pattern.compile("server log and data: (\\S+)");

    private record Run(int exitCode, String output) {
    }

    @Test
    void theLoadCommandsAreThere() {
        assertThat(BenchCommand.commandLine().getSubcommands())
                .containsKeys("ingest", "products", "profiles", "recommend", "decisions", "jmh");
    }

    @Test
    void anUnknownScenarioIsAUsageErrorBeforeAnyServerStarts() {
        int exitCode = BenchCommand.commandLine().execute("decisions", "--server-jar", "no-such.jar",
                "--scenarios", "decisions,search");

        assertThat(exitCode).isEqualTo(2);
    }

    @Test
    void decisionsAndRerankAnswerEveryRequestAndKeepTheStrategy() throws IOException {
        assumeTrue(Files.isRegularFile(SERVER_JAR), "the server jar is not built");

        Run run = run("decisions", "--rate", "100", "--rerank-rate", "50");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("POST /v1/decisions, placement home.for_you",
                "every item kept the strategy's eligibility, diversity and no repeats",
                "POST /v1/rerank, search page of 200 products, rule search-all",
                "200 sampled persons: rule 200 × search-all;", "warnings in 0 answers");
    }

    @Test
    void recommendStillMeasuresAStrategyAndAModel() throws IOException {
        assumeTrue(Files.isRegularFile(SERVER_JAR), "the server jar is not built");

        Run run = run("recommend", "--rate", "100", "--strategies", "trending", "--models", "co_occurrence");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("trending (mean 10.0 items per answer over 200 sampled persons)",
                "model co_occurrence (mean");
    }

    /** Runs the command with the tiny shop, capturing what it prints, then deletes the server's data. */
    private static Run run(String command, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(TINY);
        args.addAll(List.of(options));
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            exitCode = BenchCommand.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(out);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        out.print(output);
        Matcher dataDir = DATA_DIR.matcher(output);
        if (dataDir.find()) {
            try (Stream<Path> files = Files.walk(Path.of(dataDir.group(1)))) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return new Run(exitCode, output);
    }
}
