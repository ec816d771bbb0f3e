package org.attune.bench;

import org.attune.bench.load.DecisionLoad;
import org.attune.bench.load.IngestLoad;
import org.attune.bench.load.ProductUpsertLoad;
import org.attune.bench.load.ProfileUpdateLoad;
import org.attune.bench.load.RecommendationLoad;
import org.attune.bench.load.StudioPagesLoad;
import org.attune.bench.training.SequenceTrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar attune-bench.jar ingest|products|profiles|recommend|decisions|studio|jmh ...};
 * {@code peers} exists only in a build with {@code -Pspark} (docs/evaluation.md).
 */
@Command(name = "attune-bench", mixinStandardHelpOptions = true,
        description = "Attune benchmarks against a real server process.",
        footer = "peers (Spark ALS against our models) is there only when built with -Pspark; see docs/evaluation.md.",
        subcommands = {IngestLoad.class, ProductUpsertLoad.class, ProfileUpdateLoad.class, RecommendationLoad.class,
                DecisionLoad.class, StudioPagesLoad.class, JmhCommand.class, SequenceTrainingRun.class})
public final class BenchCommand implements Runnable {
    /** The Spark peer's command: compiled only with -Pspark, so looked up by name. */
    private static final String PEERS_COMMAND = "org.attune.bench.peers.PeersCommand";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command with its subcommands, {@code peers} among them where it was compiled. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchCommand());
        try {
            cli.addSubcommand(Class.forName(PEERS_COMMAND));
        } catch (ClassNotFoundException builtWithoutSpark) {
            // the default build: no peers command
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
