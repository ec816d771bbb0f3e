package org.attune.bench;

import org.attune.bench.load.IngestLoad;
import org.attune.bench.load.ProductUpsertLoad;
import org.attune.bench.load.ProfileUpdateLoad;
import org.attune.bench.load.RecommendationLoad;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar attune-bench.jar ingest|products|jmh ...}. */
@Command(name = "attune-bench", mixinStandardHelpOptions = true,
        description = "Attune benchmarks against a real server process.",
        subcommands = {IngestLoad.class, ProductUpsertLoad.class, ProfileUpdateLoad.class, RecommendationLoad.class,
                JmhCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
