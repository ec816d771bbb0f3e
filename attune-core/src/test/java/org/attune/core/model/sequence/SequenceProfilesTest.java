package org.attune.core.model.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.TrainedModel;
import org.junit.jupiter.api.Test;

class SequenceProfilesTest {
    private static final int D = 2;

    /**
     * Products a and b: five people each (own); c: two people (below the threshold of 5);
     * the catalog adds d (nobody touched it) and e (nothing in common with anyone).
     */
    private static Interactions data() {
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 5; p++) {
            builder.add("p" + p, "a", 1, 10 + p);
            builder.add("p" + p, "b", 1, 20 + p);
        }
        builder.add("p0", "c", 1, 30);
        builder.add("p1", "c", 1, 31);
        return builder.build();
    }

    private static final Map<String, List<String>> VALUES = Map.of(
            "a", List.of("brand\u001FNordpeak", "category\u001FShoes"),
            "b", List.of("brand\u001FAlva", "category\u001FShoes"),
            "c", List.of("brand\u001FNordpeak"),
            "d", List.of("brand\u001FAlva", "category\u001FShoes"),
            "e", List.of("brand\u001FSolo"));

    /** A learned model whose product vectors are a = (1, 0), b = (0, 1), c = (2, 2). */
    private static SequenceModel learned(Interactions data) {
        SequenceModel random = SequenceInit.random(3, SequenceParams.DEFAULTS.withShape(4, D, 1, 1), 1);
        float[] embeddings = new float[4 * D];
        float[][] vectors = {{1, 0}, {0, 1}, {2, 2}};
        for (int i = 0; i < 3; i++) {
            int item = java.util.Arrays.asList("a", "b", "c").indexOf(data.itemId(i));
            embeddings[(i + 1) * D] = vectors[item][0];
            embeddings[(i + 1) * D + 1] = vectors[item][1];
        }
        return random.withProducts(3, embeddings, new byte[3]);
    }

    private static float[] vector(SequenceModel model, String[] ids, String id) {
        int i = java.util.Arrays.asList(ids).indexOf(id);
        return new float[] {model.itemEmbeddings()[(i + 1) * D], model.itemEmbeddings()[(i + 1) * D + 1]};
    }

    @Test
    void ownProductsKeepTheirVectorsThinOnesAreGroupedByTheirValuesAndTheRestIsUnknown() {
        Interactions data = data();
        CatalogView catalog = new CatalogView(List.of("a", "b", "c", "d", "e"),
                id -> VALUES.getOrDefault(id, List.of()));
        TrainedModel trained = SequenceProfiles.assign(learned(data), data, catalog, 5, "sequence");
        SequenceModel model = (SequenceModel) trained.scorer();
        String[] ids = trained.productIds();

        assertThat(ids).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(model.stateCounts()).containsExactly(2, 2, 1);
        assertThat(vector(model, ids, "a")).containsExactly(1, 0);
        assertThat(vector(model, ids, "b")).containsExactly(0, 1);
        // d: Alva (only b, weight log(1 + 2/1)) and Shoes (a and b, weight log(1 + 2/2)); the
        // brand, shared by fewer own products, weighs more
        double alva = Math.log(3);
        double shoes = Math.log(2);
        float[] d = vector(model, ids, "d");
        assertThat(d[0]).isCloseTo((float) (shoes * 0.5 / (alva + shoes)), within(1e-6f));
        assertThat(d[1]).isCloseTo((float) ((alva * 1 + shoes * 0.5) / (alva + shoes)), within(1e-6f));
        // c: two of five people: 2/5 of its own vector, 3/5 of Nordpeak's (a alone)
        float[] c = vector(model, ids, "c");
        assertThat(c[0]).isCloseTo(0.4f * 2 + 0.6f * 1, within(1e-6f));
        assertThat(c[1]).isCloseTo(0.4f * 2 + 0.6f * 0, within(1e-6f));
        assertThat(vector(model, ids, "e")).containsExactly(0, 0);
        int e = java.util.Arrays.asList(ids).indexOf("e");
        assertThat(model.state(e)).isEqualTo(SequenceModel.UNKNOWN);
        assertThat(trained.method()).contains("2 own, 2 grouped, 1 unknown");

        float[] scores = new float[model.itemCount()];
        model.score(new int[] {0, 1}, null, 2, scores);
        assertThat(scores[e]).isZero();
        for (int i = 0; i < scores.length; i++) {
            if (i != e) {
                assertThat(scores[i]).as(ids[i]).isGreaterThan(0f).isLessThanOrEqualTo(1f);
            }
        }
        assertThat(max(scores)).isEqualTo(1f);
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            max = Math.max(max, value);
        }
        return max;
    }
}
