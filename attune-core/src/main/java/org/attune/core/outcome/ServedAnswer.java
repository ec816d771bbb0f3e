package org.attune.core.outcome;

import java.util.List;

/**
 * One answer as the decision log keeps it.
 *
 * @param recId the id handed out with the answer
 * @param at when it was given, epoch milliseconds
 * @param dimensions what reports group it by
 * @param person the id the request named (user id or anonymous id), or null
 * @param personId the internal person id at the time, or null for someone not known yet
 * @param fallback the fallback strategy that gave items, or null
 * @param items the products shown, best first (the position is the index plus one)
 * @param scores each item's score, in the same order
 * @param expressionErrors expression evaluations that failed while answering
 */
public record ServedAnswer(String recId, long at, AnswerDimensions dimensions, String person, Long personId,
                           String fallback, List<String> items, double[] scores, int expressionErrors) {
    public ServedAnswer {
        if (items.size() != scores.length) {
            throw new IllegalArgumentException("one score per item");
        }
    }
}
