package org.attune.bench.jmh;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attune.core.model.sequence.SequenceInit;
import org.attune.core.model.sequence.SequenceModel;
import org.attune.core.model.sequence.SequenceParams;
import org.attune.sequence.DjlEnvironment;
import org.attune.sequence.TorchSequenceScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Request-time cost of the sequence model in plain Java: a person's last 50 products pass
 * through the self-attention blocks (the default shape: length 50, dimension 64, 2 blocks,
 * 1 head) and the result is scored against every product. The weights are random: the cost
 * does not depend on their values. Latency percentiles come from JMH's sample-time mode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SequenceScoringBenchmark {
    @Param("100000")
    int products;

    @Param("50")
    int sequenceLength;

    private SequenceModel model;
    private int[] sequence;
    private float[] state;
    private float[] scores;
    private TorchSequenceScorer torch;

    @Setup
    public void setUp() {
        model = SequenceInit.random(products, SequenceParams.DEFAULTS, 42);
        SplittableRandom random = new SplittableRandom(1);
        sequence = new int[sequenceLength];
        for (int t = 0; t < sequenceLength; t++) {
            sequence[t] = random.nextInt(products);
        }
        scores = new float[products];
        state = model.encode(sequence, sequenceLength);
        DjlEnvironment.configure(Path.of(System.getProperty("java.io.tmpdir"), "attune-djl"));
        torch = new TorchSequenceScorer(model);
    }

    @TearDown
    public void tearDown() {
        torch.close();
    }

    /** The sequence encoded and every product scored: what one request for a person costs. */
    @Benchmark
    public float[] encodeAndScore() {
        model.score(sequence, null, sequenceLength, scores);
        return scores;
    }

    /**
     * The same request through PyTorch (DJL): the sequence passed as a tensor, the forward pass
     * and the logits of every product computed by libtorch, copied back to a Java array
     * (without the relative-probability step of {@code encodeAndScore}).
     */
    @Benchmark
    public float[] encodeAndScoreInPyTorch() {
        return torch.logits(sequence, sequenceLength);
    }

    /** The forward pass alone. */
    @Benchmark
    public float[] encodeOnly() {
        return model.encode(sequence, sequenceLength);
    }

    /** The dot products with every product alone. */
    @Benchmark
    public float[] scoreOnly() {
        model.scoreEncoded(state, scores);
        return scores;
    }
}
