package org.attune.core.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The baseline every personalized model must beat: each product scores the summed value of
 * its interactions, whoever the person. Immutable.
 */
public final class PopularityModel implements ItemScorer {
    /** Its artifact format: popularity is no kind of its own, but a baseline any artifact may hold. */
    static final ScorerFormat<PopularityModel> FORMAT = ScorerFormat.of("popularity", PopularityModel.class,
            PopularityModel::write, PopularityModel::read);
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

    private void write(DataOutputStream out) throws IOException {
        ArtifactCodec.writeFloats(out, popularity);
    }

    private static PopularityModel read(DataInputStream in) throws IOException {
        return new PopularityModel(ArtifactCodec.readFloats(in));
    }
}
