package org.attune.core.evaluation;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Ranking metrics at one cut-off K, with binary relevance (a product is relevant when it is
 * in the person's test part), as a mergeable aggregate: {@link #add} one ranked list,
 * {@link #combine} partial aggregates, read the means. Per list:
 * <ul>
 * <li>HR@K: 1 when any of the top K is relevant;</li>
 * <li>Precision@K: relevant among the top K, divided by K;</li>
 * <li>Recall@K: relevant among the top K, divided by the number of relevant products;</li>
 * <li>truncated Recall@K: the same divided by min(K, relevant) instead, so that 1 is reachable
 *     when a person has more than K relevant products (the form some benchmarks quote);</li>
 * <li>NDCG@K: sum of 1/log2(rank + 1) over relevant ranks, divided by the same sum over the
 *     first min(K, relevant) ranks;</li>
 * <li>MRR@K: 1/rank of the first relevant product, 0 when none is in the top K.</li>
 * <li>MAP@K: average precision over the top K (the sum, over the ranks r holding a relevant
 *     product, of the precision of the first r) divided by the number of relevant products,
 *     the form of the MAP in the Microsoft Recommenders benchmark tables (their {@code map});</li>
 * <li>truncated MAP@K: the same sum divided by min(K, relevant) instead (their later
 *     {@code map_at_k}).</li>
 * </ul>
 * Coverage@K is the share of all products that appear in at least one top K. Not
 * thread-safe: one instance per thread, then combined.
 */
public final class RankingMetrics {
    private final int k;
    private final int itemCount;
    private final BitSet recommended;
    private long lists;
    private double hits;
    private double precision;
    private double recall;
    private double truncatedRecall;
    private double ndcg;
    private double reciprocalRank;
    private double averagePrecision;
    private double truncatedAveragePrecision;

    public RankingMetrics(int k, int itemCount) {
        this.k = k;
        this.itemCount = itemCount;
        this.recommended = new BitSet(itemCount);
    }

    public int k() {
        return k;
    }

    /**
     * Adds one ranked list.
     *
     * @param ranked product indexes, best first (at least {@code k} of them when there are that many)
     * @param relevant the relevant product indexes, sorted ascending
     */
    public void add(int[] ranked, int[] relevant) {
        int n = Math.min(k, ranked.length);
        int found = 0;
        double dcg = 0;
        double firstHit = 0;
        double precisionSum = 0;
        for (int rank = 0; rank < n; rank++) {
            recommended.set(ranked[rank]);
            if (Arrays.binarySearch(relevant, ranked[rank]) >= 0) {
                found++;
                precisionSum += (double) found / (rank + 1);
                dcg += 1 / log2(rank + 2);
                if (firstHit == 0) {
                    firstHit = 1.0 / (rank + 1);
                }
            }
        }
        double ideal = 0;
        for (int rank = 0; rank < Math.min(k, relevant.length); rank++) {
            ideal += 1 / log2(rank + 2);
        }
        lists++;
        hits += found > 0 ? 1 : 0;
        precision += (double) found / k;
        recall += relevant.length == 0 ? 0 : (double) found / relevant.length;
        truncatedRecall += relevant.length == 0 ? 0 : (double) found / Math.min(k, relevant.length);
        ndcg += ideal == 0 ? 0 : dcg / ideal;
        reciprocalRank += firstHit;
        averagePrecision += relevant.length == 0 ? 0 : precisionSum / relevant.length;
        truncatedAveragePrecision += relevant.length == 0 ? 0 : precisionSum / Math.min(k, relevant.length);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Adds another aggregate of the same K into this one. */
    public void combine(RankingMetrics other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot combine metrics at K=" + other.k + " into K=" + k);
        }
        recommended.or(other.recommended);
        lists += other.lists;
        hits += other.hits;
        precision += other.precision;
        recall += other.recall;
        truncatedRecall += other.truncatedRecall;
        ndcg += other.ndcg;
        reciprocalRank += other.reciprocalRank;
        averagePrecision += other.averagePrecision;
        truncatedAveragePrecision += other.truncatedAveragePrecision;
    }

    public long lists() {
        return lists;
    }

    public double hitRate() {
        return mean(hits);
    }

    public double precision() {
        return mean(precision);
    }

    public double recall() {
        return mean(recall);
    }

    public double truncatedRecall() {
        return mean(truncatedRecall);
    }

    public double ndcg() {
        return mean(ndcg);
    }

    public double mrr() {
        return mean(reciprocalRank);
    }

    /** Mean average precision at K, divided by the number of relevant products. */
    public double map() {
        return mean(averagePrecision);
    }

    /** Mean average precision at K, divided by min(K, number of relevant products). */
    public double truncatedMap() {
        return mean(truncatedAveragePrecision);
    }

    public double coverage() {
        return itemCount == 0 ? 0 : (double) recommended.cardinality() / itemCount;
    }

    private double mean(double sum) {
        return lists == 0 ? 0 : sum / lists;
    }
}
