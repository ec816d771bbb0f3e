package org.attune.core.evaluation;

import java.util.List;
import java.util.SplittableRandom;
import org.attune.core.model.Interactions;

/**
 * What a model trains on and, per person, the products it must then rank highly.
 *
 * @param train the training interactions (same person and product numbering as the whole data)
 * @param test per person, the held-out product indexes (empty for people without a test part)
 * @param protocol how the split was made, for reports
 */
public record Split(Interactions train, int[][] test, String protocol) {

    /** The protocols' short names, as {@code attune evaluate --protocol} takes them. */
    public static final List<String> PROTOCOLS = List.of("random-holdout", "leave-last-out", "time-split");

    /**
     * The split a protocol's short name stands for: {@code random-holdout} (uses
     * {@code trainFraction} and {@code seed}), {@code leave-last-out} (uses neither) or
     * {@code time-split} (uses {@code trainFraction}); the last two need data with times.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Split of(String protocol, Interactions data, double trainFraction, long seed) {
        return switch (protocol) {
            case "random-holdout" -> randomHoldout(data, trainFraction, seed);
            case "leave-last-out" -> leaveLastOut(data);
            case "time-split" -> timeSplit(data, trainFraction);
            default -> throw new IllegalArgumentException("unknown protocol '" + protocol + "'; known: "
                    + String.join(", ", PROTOCOLS));
        };
    }

    /**
     * Random per-person holdout: each person's products are shuffled (one seeded generator,
     * people in order) and the first {@code round(n * trainFraction)} are kept for training,
     * at least one; the rest are the test part. People with a single product have no test part.
     */
    public static Split randomHoldout(Interactions data, double trainFraction, long seed) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be between 0 and 1, got " + trainFraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] inTrain = new boolean[data.size()];
        int[][] test = new int[data.personCount()][];
        for (int p = 0; p < data.personCount(); p++) {
            int start = data.start(p);
            int n = data.end(p) - start;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = start + i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            int trainCount = Math.max(1, (int) Math.round(n * trainFraction));
            test[p] = new int[n - trainCount];
            for (int i = 0; i < n; i++) {
                if (i < trainCount) {
                    inTrain[order[i]] = true;
                } else {
                    test[p][i - trainCount] = data.item(order[i]);
                }
            }
        }
        return new Split(data.filter((person, position) -> inTrain[position]), test,
                "random per-person holdout, train " + trainFraction + ", seed " + seed);
    }

    /**
     * The per-person stratified random split of the Microsoft Recommenders benchmarks
     * ({@code python_stratified_split} by user): the same procedure as {@link #randomHoldout}
     * (each person's products shuffled by one seeded generator, the first
     * {@code round(n * trainFraction)} kept for training), usually at 0.75, every held-out
     * product relevant.
     */
    public static Split stratified(Interactions data, double trainFraction, long seed) {
        Split split = randomHoldout(data, trainFraction, seed);
        return new Split(split.train(), split.test(), "stratified per-person random split, train " + trainFraction
                + ", seed " + seed);
    }

    /**
     * Leave-last-out by time: each person's latest interaction (the later position on a tie)
     * is their test part, the rest is for training. People with one interaction have no
     * test part. The data must carry times.
     */
    public static Split leaveLastOut(Interactions data) {
        boolean[] inTrain = new boolean[data.size()];
        java.util.Arrays.fill(inTrain, true);
        int[][] test = new int[data.personCount()][];
        for (int p = 0; p < data.personCount(); p++) {
            int start = data.start(p);
            int end = data.end(p);
            if (end - start < 2) {
                test[p] = new int[0];
                continue;
            }
            int last = start;
            for (int i = start + 1; i < end; i++) {
                if (data.time(i) >= data.time(last)) {
                    last = i;
                }
            }
            inTrain[last] = false;
            test[p] = new int[] {data.item(last)};
        }
        return new Split(data.filter((person, position) -> inTrain[position]), test, "leave-last-out by time");
    }

    /**
     * Global time split: the cut is the time before which {@code trainFraction} of all
     * interactions lie; interactions before it are for training, a person's products at or
     * after it are their test part. Only people with training interactions are evaluated
     * (a model scores from what it saw). A pair repeated on both sides of the cut counts
     * where its latest time falls. The data must carry times.
     */
    public static Split timeSplit(Interactions data, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be between 0 and 1, got " + trainFraction);
        }
        long[] times = new long[data.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = data.time(i);
        }
        java.util.Arrays.sort(times);
        long cut = times[Math.min(times.length - 1, (int) (times.length * trainFraction))];
        boolean[] inTrain = new boolean[data.size()];
        int[][] test = new int[data.personCount()][];
        for (int p = 0; p < data.personCount(); p++) {
            int trained = 0;
            java.util.List<Integer> later = new java.util.ArrayList<>();
            for (int i = data.start(p); i < data.end(p); i++) {
                if (data.time(i) < cut) {
                    inTrain[i] = true;
                    trained++;
                } else {
                    later.add(data.item(i));
                }
            }
            test[p] = trained == 0 ? new int[0] : later.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Split(data.filter((person, position) -> inTrain[position]), test,
                "global time split, train " + trainFraction + " (cut at epoch second " + cut + ")");
    }

    /** People with a test part. */
    public int testPeople() {
        int n = 0;
        for (int[] items : test) {
            n += items.length > 0 ? 1 : 0;
        }
        return n;
    }
}
