package org.attune.core.evaluation;

/**
 * The indexes of the K highest scores, best first, ties broken by the lower index; scores
 * of negative infinity are never taken. O(n log K) with a small binary heap.
 */
public final class TopK {
    private TopK() {
    }

    public static int[] of(float[] scores, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < scores.length; i++) {
            float score = scores[i];
            if (score == Float.NEGATIVE_INFINITY) {
                continue;
            }
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, scores);
            } else if (better(i, heap[0], scores)) {
                heap[0] = i;
                siftDown(heap, size, scores);
            }
        }
        int[] ranked = new int[size];
        for (int r = size - 1; r >= 0; r--) {
            ranked[r] = heap[0];
            heap[0] = heap[r];
            siftDown(heap, r, scores);
        }
        return ranked;
    }

    /** Whether a ranks above b. */
    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    /** The heap keeps the worst of the kept at its root. */
    private static void siftUp(int[] heap, int at, float[] scores) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(heap[parent], heap[at], scores)) {
                break;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int worst = at;
            if (left < size && better(heap[worst], heap[left], scores)) {
                worst = left;
            }
            if (left + 1 < size && better(heap[worst], heap[left + 1], scores)) {
                worst = left + 1;
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    /**
     * The same over a list: of the first {@code size} entries (product {@code ids[j]} scoring
     * {@code scores[j]}), the positions of the K best, best first, ties broken by the lower id.
     */
    public static int[] of(int[] ids, float[] scores, int size, int k) {
        int[] heap = new int[Math.min(k, size)];
        int kept = 0;
        for (int j = 0; j < size; j++) {
            if (kept < heap.length) {
                heap[kept] = j;
                int at = kept++;
                while (at > 0 && better(heap[(at - 1) / 2], heap[at], ids, scores)) {
                    swap(heap, (at - 1) / 2, at);
                    at = (at - 1) / 2;
                }
            } else if (heap.length > 0 && better(j, heap[0], ids, scores)) {
                heap[0] = j;
                siftDown(heap, kept, ids, scores);
            }
        }
        int[] ranked = new int[kept];
        for (int r = kept - 1; r >= 0; r--) {
            ranked[r] = heap[0];
            heap[0] = heap[r];
            siftDown(heap, r, ids, scores);
        }
        return ranked;
    }

    private static boolean better(int a, int b, int[] ids, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && ids[a] < ids[b]);
    }

    private static void siftDown(int[] heap, int size, int[] ids, float[] scores) {
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            int worst = at;
            if (left < size && better(heap[worst], heap[left], ids, scores)) {
                worst = left;
            }
            if (left + 1 < size && better(heap[worst], heap[left + 1], ids, scores)) {
                worst = left + 1;
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }
}
