package org.attune.core.recommend;

import java.util.List;

/**
 * What one recommendation request returned.
 *
 * @param recId id of this answer, to be sent back in the context of later events
 *     ({@code context.recId}) so that clicks and purchases can be traced to it
 * @param catalog the catalog asked for
 * @param strategy the strategy that ranked
 * @param personId internal id of the person, or null when none was asked for or known
 * @param items products in order, at most the count asked for
 */
public record Recommendations(String recId, String catalog, BuiltInStrategy strategy, Long personId,
                              List<Item> items) {

    /**
     * One recommended product.
     *
     * @param id product id
     * @param score the strategy's score (trending: decayed weighted events; recently viewed: 1 for the
     *     newest, falling with position; top affinity: summed affinity of the matching values)
     * @param reason why it is here: {@code trending}, {@code recently_viewed}, {@code affinity} (matching
     *     the person's strongest values, listed in {@code matched}) or {@code best_seller} (filling up
     *     when too few products match)
     * @param matched for top affinity, the matching attribute values as {@code attribute:value}
     */
    public record Item(String id, double score, String reason, List<String> matched) {
    }
}
