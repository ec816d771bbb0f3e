package org.attune.core.model.rp3beta;

import org.attune.core.model.Interactions;

/**
 * One thread's scratch space for the rows of W: a catalog-sized accumulator, the products
 * it touched, and a heap keeping the best {@code maxNeighbors} of them. Reused row after row
 * (the accumulator is back to 0 after each). Not thread-safe.
 */
final class RowBuilder {
    private final double[] sums;
    private final int[] touched;
    private final int maxNeighbors;
    private final int[] heapItems;
    private final double[] heapWeights;
    private int heapSize;
    private int[] keptItems;
    private float[] keptWeights;

    RowBuilder(int itemCount, int maxNeighbors) {
        this.sums = new double[itemCount];
        this.touched = new int[itemCount];
        this.maxNeighbors = maxNeighbors;
        this.heapItems = new int[maxNeighbors];
        this.heapWeights = new double[maxNeighbors];
    }

    /** Computes row {@code item} of W and keeps its best neighbours, for {@link #keptItems} and {@link #keptWeights}. */
    void build(Rp3BetaTrainer.Walk walk, Interactions data, int item, boolean normalize) {
        int touchedCount = 0;
        float[] personStep = walk.personStep();
        for (int k = walk.itemOffsets()[item]; k < walk.itemOffsets()[item + 1]; k++) {
            int person = walk.itemPeople()[k];
            double toPerson = walk.itemStep()[k];
            for (int a = data.start(person); a < data.end(person); a++) {
                int other = data.item(a);
                double step = toPerson * personStep[a];
                // a step that underflowed to 0 must not note a product twice
                if (other == item || step == 0) {
                    continue;
                }
                if (sums[other] == 0) {
                    touched[touchedCount++] = other;
                }
                sums[other] += step;
            }
        }
        heapSize = 0;
        double[] popularityWeight = walk.popularityWeight();
        for (int t = 0; t < touchedCount; t++) {
            int other = touched[t];
            offer(other, sums[other] * popularityWeight[other]);
            sums[other] = 0;
        }
        keptItems = new int[heapSize];
        keptWeights = new float[heapSize];
        double total = 0;
        for (int r = heapSize - 1; r >= 0; r--) {
            keptItems[r] = heapItems[0];
            keptWeights[r] = (float) heapWeights[0];
            total += heapWeights[0];
            heapSize--;
            heapItems[0] = heapItems[heapSize];
            heapWeights[0] = heapWeights[heapSize];
            siftDown();
        }
        if (normalize && total > 0) {
            for (int r = 0; r < keptWeights.length; r++) {
                keptWeights[r] = (float) (keptWeights[r] / total);
            }
        }
    }

    /** The last row's neighbours, best first (ties by the lower index). */
    int[] keptItems() {
        return keptItems;
    }

    /** The last row's weights, in the order of {@link #keptItems}. */
    float[] keptWeights() {
        return keptWeights;
    }

    /** Keeps {@code item} if it is among the best seen so far; the heap's root is the worst kept. */
    private void offer(int item, double weight) {
        if (heapSize < maxNeighbors) {
            int at = heapSize++;
            heapItems[at] = item;
            heapWeights[at] = weight;
            while (at > 0) {
                int parent = (at - 1) / 2;
                if (!better(parent, at)) {
                    break;
                }
                swap(parent, at);
                at = parent;
            }
        } else if (weight > heapWeights[0] || (weight == heapWeights[0] && item < heapItems[0])) {
            heapItems[0] = item;
            heapWeights[0] = weight;
            siftDown();
        }
    }

    private void siftDown() {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int worst = at;
            if (left < heapSize && better(worst, left)) {
                worst = left;
            }
            if (left + 1 < heapSize && better(worst, left + 1)) {
                worst = left + 1;
            }
            if (worst == at) {
                return;
            }
            swap(at, worst);
            at = worst;
        }
    }

    /** Whether the entry at heap position a ranks above the one at b. */
    private boolean better(int a, int b) {
        return heapWeights[a] > heapWeights[b] || (heapWeights[a] == heapWeights[b] && heapItems[a] < heapItems[b]);
    }

    private void swap(int a, int b) {
        int item = heapItems[a];
        heapItems[a] = heapItems[b];
        heapItems[b] = item;
        double weight = heapWeights[a];
        heapWeights[a] = heapWeights[b];
        heapWeights[b] = weight;
    }
}
