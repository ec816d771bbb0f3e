package org.attune.core.outcome;

/**
 * What the reports count, per hour and {@link AnswerDimensions}. Answers and their items come
 * from the decision log; the rest from events, attributed by {@link Attribution}. The
 * {@code UNATTRIBUTED_…} and recId measures are counted on rows whose source is
 * {@code unattributed}, so they never mix with what answers earned.
 */
enum Measure {
    ANSWERS, ITEMS, FALLBACK_ANSWERS, EXPRESSION_ERRORS,
    IMPRESSIONS, CLICKS, ADD_TO_CARTS, PURCHASES, REVENUE,
    VIEW_THROUGH_ADD_TO_CARTS, VIEW_THROUGH_PURCHASES, VIEW_THROUGH_REVENUE,
    UNATTRIBUTED_IMPRESSIONS, UNATTRIBUTED_CLICKS, UNATTRIBUTED_ADD_TO_CARTS, UNATTRIBUTED_PURCHASES,
    UNATTRIBUTED_REVENUE, BAD_REC_IDS, EXPIRED_REC_IDS;

    static final Measure[] ALL = values();
    static final int COUNT = ALL.length;
}
