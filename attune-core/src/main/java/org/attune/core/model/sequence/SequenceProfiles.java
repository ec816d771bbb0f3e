package org.attune.core.model.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.TrainedModel;

/**
 * Gives every catalog product of a learned {@link SequenceModel} one of three profile states.
 * A product with at least {@code minInteractions} people's interactions keeps the vector it
 * learned: it is {@link SequenceModel#OWN own}. A product with fewer, or a catalog product
 * nobody touched yet, is {@link SequenceModel#GROUPED grouped} when some own product shares
 * one of its attribute values: its vector is the mean of the own products' vectors per shared
 * value, each value weighted by how specific it is ({@code log(1 + own products / own products
 * with the value)}, so a brand counts more than a catch-all category), mixed with its own
 * learned vector in proportion to its interactions ({@code n / minInteractions}). Anything else
 * is {@link SequenceModel#UNKNOWN unknown}: no representation, never recommended.
 */
public final class SequenceProfiles {

    /**
     * The model over the learned products followed by the catalog's untouched products.
     *
     * @param learned a model over {@code data}'s product indexes
     * @param data the interactions it learned from (their per-product people counts decide own profiles)
     * @param catalog the catalog's products and attribute values
     */
    public static TrainedModel assign(SequenceModel learned, Interactions data, CatalogView catalog,
                                      int minInteractions, String method) {
        int learnedCount = data.itemCount();
        List<String> ids = new ArrayList<>(learnedCount + catalog.products().size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < learnedCount; i++) {
            ids.add(data.itemId(i));
            seen.add(data.itemId(i));
        }
        for (String product : catalog.products()) {
            if (seen.add(product)) {
                ids.add(product);
            }
        }
        int[] people = new int[learnedCount];
        for (int position = 0; position < data.size(); position++) {
            people[data.item(position)]++;
        }
        int d = learned.dimension();
        int n = ids.size();
        float[] source = learned.itemEmbeddings();
        float[] embeddings = new float[(n + 1) * d];
        System.arraycopy(source, 0, embeddings, 0, (learnedCount + 1) * d);
        byte[] states = new byte[n];

        // the own products' vectors summed per attribute value
        Map<String, float[]> sums = new HashMap<>();
        Map<String, Integer> owners = new HashMap<>();
        int ownCount = 0;
        for (int i = 0; i < learnedCount; i++) {
            if (people[i] < minInteractions) {
                continue;
            }
            ownCount++;
            for (String value : catalog.valuesOf().apply(ids.get(i))) {
                float[] sum = sums.computeIfAbsent(value, v -> new float[d]);
                for (int f = 0; f < d; f++) {
                    sum[f] += source[(i + 1) * d + f];
                }
                owners.merge(value, 1, Integer::sum);
            }
        }
        float[] group = new float[d];
        for (int i = 0; i < n; i++) {
            int interactions = i < learnedCount ? people[i] : 0;
            if (interactions >= minInteractions) {
                states[i] = SequenceModel.OWN;
                continue;
            }
            java.util.Arrays.fill(group, 0f);
            double totalWeight = 0;
            for (String value : catalog.valuesOf().apply(ids.get(i))) {
                float[] sum = sums.get(value);
                if (sum == null) {
                    continue;
                }
                int count = owners.get(value);
                double weight = Math.log(1 + (double) ownCount / count);
                for (int f = 0; f < d; f++) {
                    group[f] += (float) (weight * sum[f] / count);
                }
                totalWeight += weight;
            }
            int row = (i + 1) * d;
            if (totalWeight == 0) {
                states[i] = SequenceModel.UNKNOWN;
                java.util.Arrays.fill(embeddings, row, row + d, 0f);
                continue;
            }
            states[i] = SequenceModel.GROUPED;
            float own = (float) interactions / minInteractions;
            for (int f = 0; f < d; f++) {
                float learnedValue = i < learnedCount ? source[row + f] : 0f;
                embeddings[row + f] = own * learnedValue + (1 - own) * (float) (group[f] / totalWeight);
            }
        }
        SequenceModel model = learned.withProducts(n, embeddings, states);
        int[] counts = model.stateCounts();
        return new TrainedModel(method + "; products: " + counts[SequenceModel.OWN] + " own, "
                + counts[SequenceModel.GROUPED] + " grouped, " + counts[SequenceModel.UNKNOWN] + " unknown (own from "
                + minInteractions + " people's interactions)", ids.toArray(String[]::new), model);
    }

    private SequenceProfiles() {
    }
}
