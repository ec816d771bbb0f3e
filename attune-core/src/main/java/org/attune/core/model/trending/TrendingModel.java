package org.attune.core.model.trending;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.attune.core.model.ArtifactCodec;
import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;

/**
 * What is rising now: every product scores its lift over its own recent past, the same for
 * everyone. Trained by {@link #train}: with {@code now} the latest interaction time, the
 * recent window is the last {@code recentHours}, where each interaction counts
 * {@code value * 2^(-age / halfLife)}; the baseline is the {@code baselineDays} before it,
 * scaled to the recent window's length as the count to expect. The score is
 * {@code (recent - expected) / sqrt(expected + 1)}, a lift that is large only when a product
 * is well above its usual level and backed by enough events; products with fewer than
 * {@code minEvents} recent interactions score nothing. Immutable.
 */
public final class TrendingModel implements ItemScorer {
    private final float[] lift;

    private TrendingModel(float[] lift) {
        this.lift = lift;
    }

    /** Trains on interactions with times (epoch seconds). */
    public static TrendingModel train(Interactions data, TrendingParams params) {
        long now = 0;
        for (int i = 0; i < data.size(); i++) {
            now = Math.max(now, data.time(i));
        }
        long recentStart = now - params.recentHours() * 3_600L;
        long baselineStart = recentStart - params.baselineDays() * 86_400L;
        double halfLifeSeconds = params.halfLifeHours() * 3_600;
        int n = data.itemCount();
        double[] recent = new double[n];
        int[] recentEvents = new int[n];
        double[] baseline = new double[n];
        for (int i = 0; i < data.size(); i++) {
            long time = data.time(i);
            int item = data.item(i);
            if (time >= recentStart) {
                recent[item] += data.value(i) * Math.pow(2, -(now - time) / halfLifeSeconds);
                recentEvents[item]++;
            } else if (time >= baselineStart) {
                baseline[item] += data.value(i);
            }
        }
        double baselineToRecent = (double) params.recentHours() / (params.baselineDays() * 24.0);
        float[] lift = new float[n];
        for (int item = 0; item < n; item++) {
            if (recentEvents[item] < params.minEvents()) {
                continue;
            }
            double expected = baseline[item] * baselineToRecent;
            lift[item] = (float) ((recent[item] - expected) / Math.sqrt(expected + 1));
        }
        return new TrendingModel(lift);
    }

    @Override
    public int itemCount() {
        return lift.length;
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        System.arraycopy(lift, 0, scores, 0, lift.length);
    }

    void write(DataOutputStream out) throws IOException {
        ArtifactCodec.writeFloats(out, lift);
    }

    static TrendingModel read(DataInputStream in) throws IOException {
        return new TrendingModel(ArtifactCodec.readFloats(in));
    }
}
