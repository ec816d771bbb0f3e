package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The baseline every personalized model must beat: each product scores the summed value of
 * its interactions, whoever the person. Immutable.
 */
public final class PopularityModel implements ItemScorer {
    private final float[] popularity;

    private PopularityModel(float[] popularity) {
        this.popularity = popularity;
    }

    /** Counts every interaction's value towards its product. */
    public static PopularityModel train(Interactions data) {
        float[] popularity = new float[data.itemCount()];
        for (int i = 0; i < data.size(); i++) {
            popularity[data.item(i)] += data.value(i);
        }
        return new PopularityModel(popularity);
    }

    @Override
    public int itemCount() {
        return popularity.length;
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        System.arraycopy(popularity, 0, scores, 0, popularity.length);
    }

    void write(DataOutputStream out) throws IOException {
        ArtifactCodec.writeFloats(out, popularity);
    }

    static PopularityModel read(DataInputStream in) throws IOException {
        return new PopularityModel(ArtifactCodec.readFloats(in));
    }
}
