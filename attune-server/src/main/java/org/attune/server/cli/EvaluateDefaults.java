package org.attune.server.cli;

import java.util.Map;
import org.attune.core.model.affinity.AffinityParams;
import org.attune.core.model.collaborative.CollaborativeParams;
import org.attune.core.model.sequence.SequenceParams;
import picocli.CommandLine;

/**
 * The defaults of {@code attune evaluate}'s model options, taken from the kinds' params records
 * (the defaults the server trains with), so that the two cannot drift apart; the help shows
 * them. Two options of the sequence model keep defaults of their own: offline runs read the
 * last 200 products of a person ({@code --seq-max-length}; the kind's is 50) and may train an
 * hour ({@code --seq-max-minutes}; the kind's fit is cut after 4 minutes).
 */
final class EvaluateDefaults implements CommandLine.IDefaultValueProvider {
    private static final CollaborativeParams COLLABORATIVE = CollaborativeParams.DEFAULTS;
    private static final SequenceParams SEQUENCE = SequenceParams.DEFAULTS;

    private static final Map<String, String> BY_OPTION = Map.ofEntries(
            Map.entry("--ease-lambda", fmt(COLLABORATIVE.easeLambda())),
            Map.entry("--ease-activity-exponent", fmt(COLLABORATIVE.easeActivityExponent())),
            Map.entry("--ease-dropout", fmt(COLLABORATIVE.easeDropout())),
            Map.entry("--als-factors", fmt(COLLABORATIVE.factors())),
            Map.entry("--als-reg", fmt(COLLABORATIVE.regularization())),
            Map.entry("--als-alpha", fmt(COLLABORATIVE.alpha())),
            Map.entry("--als-reg-exponent", fmt(COLLABORATIVE.regularizationExponent())),
            Map.entry("--als-iterations", fmt(COLLABORATIVE.iterations())),
            Map.entry("--affinity-half-life", fmt(AffinityParams.DEFAULTS.halfLifeDays())),
            Map.entry("--seq-dimension", fmt(SEQUENCE.dimension())),
            Map.entry("--seq-blocks", fmt(SEQUENCE.blocks())),
            Map.entry("--seq-heads", fmt(SEQUENCE.heads())),
            Map.entry("--seq-dropout", fmt(SEQUENCE.dropout())),
            Map.entry("--seq-epochs", fmt(SEQUENCE.maxEpochs())),
            Map.entry("--seq-patience", fmt(SEQUENCE.patience())),
            Map.entry("--seq-batch-size", fmt(SEQUENCE.batchSize())),
            Map.entry("--seq-learning-rate", fmt(SEQUENCE.learningRate())),
            Map.entry("--seq-softmax", SEQUENCE.softmax()),
            Map.entry("--seq-negatives", fmt(SEQUENCE.negatives())));

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        return argSpec instanceof CommandLine.Model.OptionSpec option ? BY_OPTION.get(option.longestName()) : null;
    }

    private static String fmt(double value) {
        return EvaluationCandidates.fmt(value);
    }
}
