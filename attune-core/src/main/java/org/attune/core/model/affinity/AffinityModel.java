package org.attune.core.model.affinity;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.attune.core.model.ArtifactCodec;
import org.attune.core.model.Interactions;
import org.attune.core.model.ItemScorer;

/**
 * Attribute affinity: a person's preference for each attribute value (brand, color, size,
 * category, any attribute the catalog tracks) is the share of their weighted interactions
 * that went to products with that value; a product scores the summed preference of its
 * values, divided by the number of attributes tracked (so 0 to 1), mixed with a popularity
 * prior: {@code (1 - prior) * affinity + prior * popularity}, popularity being the product's
 * time-decayed interaction weight over the most popular product's. A single event is enough
 * to rank the whole catalog, and products nobody has touched yet are scored by their values.
 * Time decay of the person's own interactions is the caller's: it comes in the values.
 * Products are numbered as in the training interactions first, then the catalog's other
 * products. Immutable; scoring is thread-safe.
 */
public final class AffinityModel implements ItemScorer {
    private final String[] products;
    private final String[] valueNames;
    /** Product p's values are {@code productValues[valueStart[p] .. valueStart[p + 1] - 1]}. */
    private final int[] valueStart;
    private final int[] productValues;
    /** For each value, the products that have it. */
    private final int[][] postings;
    /** {@code prior * popularity} per product. */
    private final float[] priorScore;
    /** {@code (1 - prior) / attributes}, what a preference of 1 adds. */
    private final float affinityScale;
    private final ThreadLocal<float[]> preferences;

    private AffinityModel(String[] products, String[] valueNames, int[] valueStart, int[] productValues,
                          float[] priorScore, float affinityScale) {
        this.products = products;
        this.valueNames = valueNames;
        this.valueStart = valueStart;
        this.productValues = productValues;
        this.priorScore = priorScore;
        this.affinityScale = affinityScale;
        int[] sizes = new int[valueNames.length];
        for (int value : productValues) {
            sizes[value]++;
        }
        postings = new int[valueNames.length][];
        for (int v = 0; v < sizes.length; v++) {
            postings[v] = new int[sizes[v]];
        }
        int[] filled = new int[valueNames.length];
        for (int p = 0; p < products.length; p++) {
            for (int i = valueStart[p]; i < valueStart[p + 1]; i++) {
                postings[productValues[i]][filled[productValues[i]]++] = p;
            }
        }
        preferences = ThreadLocal.withInitial(() -> new float[valueNames.length]);
    }

    /**
     * Trains: the products of {@code data} keep their indexes, the catalog's other products
     * follow; popularity is each product's interaction value decayed by its age at the
     * latest interaction time.
     *
     * @param catalogProducts the products that can be recommended (the catalog's live products)
     * @param valuesOf a product's attribute values, each as {@code attribute + U+001F + value}; empty
     *     for a product the catalog does not hold
     */
    public static AffinityModel train(Interactions data, List<String> catalogProducts,
                                      Function<String, List<String>> valuesOf, AffinityParams params) {
        List<String> ids = new ArrayList<>(data.itemCount() + catalogProducts.size());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < data.itemCount(); i++) {
            index.put(data.itemId(i), ids.size());
            ids.add(data.itemId(i));
        }
        for (String id : catalogProducts) {
            if (index.putIfAbsent(id, ids.size()) == null) {
                ids.add(id);
            }
        }
        Map<String, Integer> valueIndex = new LinkedHashMap<>();
        Set<String> attributes = new HashSet<>();
        int[] valueStart = new int[ids.size() + 1];
        int[] productValues = new int[16];
        int n = 0;
        for (int p = 0; p < ids.size(); p++) {
            valueStart[p] = n;
            for (String value : valuesOf.apply(ids.get(p))) {
                if (n == productValues.length) {
                    productValues = Arrays.copyOf(productValues, n * 2);
                }
                productValues[n++] = valueIndex.computeIfAbsent(value, v -> valueIndex.size());
                attributes.add(value.substring(0, Math.max(0, value.indexOf('\u001F'))));
            }
        }
        valueStart[ids.size()] = n;
        long latest = 0;
        for (int i = 0; i < data.size(); i++) {
            latest = Math.max(latest, data.time(i));
        }
        double halfLifeSeconds = params.halfLifeDays() * 86_400;
        double[] popularity = new double[ids.size()];
        for (int i = 0; i < data.size(); i++) {
            double age = data.time(i) == 0 ? 0 : latest - data.time(i);
            popularity[data.item(i)] += data.value(i) * Math.pow(2, -age / halfLifeSeconds);
        }
        double top = Arrays.stream(popularity).max().orElse(0);
        float[] prior = new float[ids.size()];
        for (int p = 0; p < prior.length; p++) {
            prior[p] = top == 0 ? 0 : (float) (params.popularityPrior() * popularity[p] / top);
        }
        float scale = (float) ((1 - params.popularityPrior()) / Math.max(1, attributes.size()));
        return new AffinityModel(ids.toArray(new String[0]), valueIndex.keySet().toArray(new String[0]), valueStart,
                Arrays.copyOf(productValues, n), prior, scale);
    }

    /** The products this model scores, by index. */
    public String[] productIds() {
        return products.clone();
    }

    /** Distinct attribute values known. */
    public int valueCount() {
        return valueNames.length;
    }

    @Override
    public int itemCount() {
        return products.length;
    }

    @Override
    public void score(int[] items, float[] values, int count, float[] scores) {
        float[] preference = preferences.get();
        double total = 0;
        for (int k = 0; k < count; k++) {
            total += values[k];
        }
        System.arraycopy(priorScore, 0, scores, 0, priorScore.length);
        if (total <= 0) {
            return;
        }
        int[] touched = new int[16];
        int touchedCount = 0;
        for (int k = 0; k < count; k++) {
            int item = items[k];
            float share = (float) (values[k] / total);
            for (int i = valueStart[item]; i < valueStart[item + 1]; i++) {
                int value = productValues[i];
                if (preference[value] == 0) {
                    if (touchedCount == touched.length) {
                        touched = Arrays.copyOf(touched, touchedCount * 2);
                    }
                    touched[touchedCount++] = value;
                }
                preference[value] += share;
            }
        }
        for (int t = 0; t < touchedCount; t++) {
            int value = touched[t];
            float add = preference[value] * affinityScale;
            preference[value] = 0;
            for (int product : postings[value]) {
                scores[product] += add;
            }
        }
    }

    /**
     * The values of {@code product} that the person's products share, strongest first: why it
     * was recommended.
     */
    public List<String> matchedValues(int product, int[] items, int count) {
        List<String> matched = new ArrayList<>(2);
        for (int i = valueStart[product]; i < valueStart[product + 1]; i++) {
            int value = productValues[i];
            for (int k = 0; k < count; k++) {
                if (hasValue(items[k], value)) {
                    matched.add(valueNames[value].replace('\u001F', ':'));
                    break;
                }
            }
        }
        return matched;
    }

    private boolean hasValue(int product, int value) {
        for (int i = valueStart[product]; i < valueStart[product + 1]; i++) {
            if (productValues[i] == value) {
                return true;
            }
        }
        return false;
    }

    void write(DataOutputStream out) throws IOException {
        ArtifactCodec.writeStrings(out, products);
        ArtifactCodec.writeStrings(out, valueNames);
        ArtifactCodec.writeInts(out, valueStart);
        ArtifactCodec.writeInts(out, productValues);
        ArtifactCodec.writeFloats(out, priorScore);
        out.writeFloat(affinityScale);
    }

    static AffinityModel read(DataInputStream in) throws IOException {
        return new AffinityModel(ArtifactCodec.readStrings(in), ArtifactCodec.readStrings(in),
                ArtifactCodec.readInts(in), ArtifactCodec.readInts(in), ArtifactCodec.readFloats(in), in.readFloat());
    }
}
