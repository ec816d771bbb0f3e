package org.attune.core.model.collaborative;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.attune.core.model.ArtifactCodec;
import org.attune.core.model.ItemScorer;

/**
 * A trained EASE model: one weight per ordered product pair. A person's score for product
 * j is the sum over the products i they interacted with of {@code value(i) * B[i][j]}, a row
 * of B added per product. Immutable; scoring is thread-safe.
 */
public final class EaseModel implements ItemScorer {
    private final int items;
    /**
     * B as rows: row i holds B[i][*]. Separate row arrays (rather than one row-major array)
     * let C2 vectorise the scoring loop, whose accesses then share one index.
     */
    private final float[][] weights;

    EaseModel(int items, float[][] weights) {
        this.items = items;
        this.weights = weights;
    }

    @Override
    public int itemCount() {
        return items;
    }

    @Override
    public void score(int[] personItems, float[] values, int count, float[] scores) {
        java.util.Arrays.fill(scores, 0, items, 0f);
        for (int k = 0; k < count; k++) {
            float[] row = weights[personItems[k]];
            float value = values[k];
            for (int j = 0; j < items; j++) {
                scores[j] += value * row[j];
            }
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(items);
        for (float[] row : weights) {
            ArtifactCodec.writeFloats(out, row);
        }
    }

    static EaseModel read(DataInputStream in) throws IOException {
        int items = in.readInt();
        float[][] weights = new float[items][];
        for (int i = 0; i < items; i++) {
            weights[i] = ArtifactCodec.readFloats(in);
        }
        return new EaseModel(items, weights);
    }
}
