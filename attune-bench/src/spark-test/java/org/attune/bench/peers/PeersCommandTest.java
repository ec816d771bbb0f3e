package org.attune.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PeersCommandTest {
    /**
     * A data set in MovieLens 100K's file format with two tastes: 30 people each hold 8 of the
     * 10 products of their taste, and the products of one taste are a little more popular
     * overall, so that popularity serves the other taste poorly.
     */
    private static void writeTwoTastes(Path root) throws IOException {
        Files.createDirectories(root.resolve("ml-100k"));
        SplittableRandom random = new SplittableRandom(3);
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(
                Files.newOutputStream(root.resolve("ml-100k/u.data.gz"))), StandardCharsets.ISO_8859_1)) {
            for (int person = 0; person < 30; person++) {
                int taste = person < 18 ? 0 : 1;
                for (int item = 0; item < 10; item++) {
                    if (random.nextInt(10) < 8) {
                        out.write(person + "\t" + (taste * 10 + item) + "\t5\t" + (1_000 + item) + "\n");
                    }
                }
            }
        }
    }

    @Test
    void onePrintedRowPerFitAndALSFindsTheTastesThatPopularityMisses(@TempDir Path data) throws IOException {
        writeTwoTastes(data);
        PeersCommand command = new PeersCommand();
        new CommandLine(command).parseArgs("--dataset", "ml-100k", "--data", data.toString(),
                "--train-fraction", "0.75", "--ranks", "4", "--reg-params", "0.01,0.1", "--alphas", "10",
                "--iterations", "4", "--warmup-iterations", "1", "--ease-lambda", "5", "--spark-master", "local[2]");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<PeersCommand.Result> results = command.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(results).extracting(PeersCommand.Result::model, PeersCommand.Result::params).containsExactly(
                org.assertj.core.groups.Tuple.tuple("popularity", ""),
                org.assertj.core.groups.Tuple.tuple("ease", "lambda=5"),
                org.assertj.core.groups.Tuple.tuple("spark als", "rank=4 reg=0.01 alpha=10 iter=4"),
                org.assertj.core.groups.Tuple.tuple("spark als", "rank=4 reg=0.1 alpha=10 iter=4"));
        PeersCommand.Result popularity = results.get(0);
        for (PeersCommand.Result als : results.subList(2, 4)) {
            assertThat(als.at10().lists()).as("everyone is evaluated").isEqualTo(30);
            assertThat(als.fitSeconds()).isPositive();
            assertThat(als.at10().ndcg()).as(als.params()).isGreaterThan(popularity.at10().ndcg() + 0.1);
        }
        String table = printed.toString(StandardCharsets.UTF_8);
        System.out.print(table);
        assertThat(table).contains("ml-100k: 30 people, 20 products", "random per-person holdout, train 0.75, seed 42",
                "| model | params | fit s | NDCG@10 |", "| spark als | rank=4 reg=0.1 alpha=10 iter=4 | ",
                "best spark als by NDCG@10: ");
    }

    @Test
    void anUnknownProtocolIsRefusedBeforeAnythingIsLoaded() {
        PeersCommand command = new PeersCommand();
        CommandLine cli = new CommandLine(command);
        int exit = cli.execute("--dataset", "ml-100k", "--data", "/nonexistent", "--protocol", "k-fold");
        assertThat(exit).isEqualTo(2);
    }
}
