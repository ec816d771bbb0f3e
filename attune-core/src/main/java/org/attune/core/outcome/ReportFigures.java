package org.attune.core.outcome;

/**
 * The figures of one row of a report. Counts are exact; rates are null where their
 * denominator is zero.
 *
 * @param answers answers served
 * @param items products in them
 * @param fallbackAnswers answers whose placement's own strategy gave too few and a fallback filled in
 * @param expressionErrors expression evaluations that failed while answering
 * @param impressions products seen ({@code impression} events naming an answer's recId)
 * @param clicks {@code click} events naming an answer's recId
 * @param addToCarts add-to-carts of a product within the click-through window after a click on it
 * @param purchases purchased products within the click-through window after a click on them
 * @param revenue their revenue
 * @param viewThroughAddToCarts add-to-carts of a product seen (not clicked) within the view-through window
 * @param viewThroughPurchases purchases of such products
 * @param viewThroughRevenue their revenue
 * @param unattributedImpressions impressions with no recId, or one that is bad, unknown or expired
 * @param unattributedClicks clicks likewise
 * @param unattributedAddToCarts add-to-carts no click or impression explains
 * @param unattributedPurchases purchased products no click or impression explains
 * @param unattributedRevenue their revenue
 * @param badRecIds events whose recId this installation never issued
 * @param expiredRecIds events whose recId was older than the window
 * @param distinctProducts distinct products shown (day rows and totals; null for hour rows)
 * @param catalogProducts products in the catalogs of the row now, for {@code coverage}
 */
public record ReportFigures(long answers, long items, long fallbackAnswers, long expressionErrors, long impressions,
                            long clicks, long addToCarts, long purchases, double revenue, long viewThroughAddToCarts,
                            long viewThroughPurchases, double viewThroughRevenue, long unattributedImpressions,
                            long unattributedClicks, long unattributedAddToCarts, long unattributedPurchases,
                            double unattributedRevenue, long badRecIds, long expiredRecIds, Integer distinctProducts,
                            Integer catalogProducts) {

    static ReportFigures of(double[] m, Integer distinctProducts, Integer catalogProducts) {
        return new ReportFigures(count(m, Measure.ANSWERS), count(m, Measure.ITEMS),
                count(m, Measure.FALLBACK_ANSWERS), count(m, Measure.EXPRESSION_ERRORS),
                count(m, Measure.IMPRESSIONS), count(m, Measure.CLICKS), count(m, Measure.ADD_TO_CARTS),
                count(m, Measure.PURCHASES), money(m[Measure.REVENUE.ordinal()]),
                count(m, Measure.VIEW_THROUGH_ADD_TO_CARTS), count(m, Measure.VIEW_THROUGH_PURCHASES),
                money(m[Measure.VIEW_THROUGH_REVENUE.ordinal()]), count(m, Measure.UNATTRIBUTED_IMPRESSIONS),
                count(m, Measure.UNATTRIBUTED_CLICKS), count(m, Measure.UNATTRIBUTED_ADD_TO_CARTS),
                count(m, Measure.UNATTRIBUTED_PURCHASES), money(m[Measure.UNATTRIBUTED_REVENUE.ordinal()]),
                count(m, Measure.BAD_REC_IDS), count(m, Measure.EXPIRED_REC_IDS), distinctProducts, catalogProducts);
    }

    /** Clicks per impression. */
    public Double ctr() {
        return ratio(clicks, impressions);
    }

    /** Purchased products per click. */
    public Double conversionRate() {
        return ratio(purchases, clicks);
    }

    /** Revenue (click-through) per thousand impressions. */
    public Double revenuePerThousandImpressions() {
        return impressions == 0 ? null : money(revenue * 1000 / impressions);
    }

    /** Answers a fallback filled, per answer. */
    public Double fallbackRate() {
        return ratio(fallbackAnswers, answers);
    }

    /** Distinct products shown per product of the catalogs, when both are known. */
    public Double coverage() {
        return distinctProducts == null || catalogProducts == null || catalogProducts == 0 ? null
                : (double) distinctProducts / catalogProducts;
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static long count(double[] m, Measure measure) {
        return Math.round(m[measure.ordinal()]);
    }

    /** Money to the cent, so that sums summed in another order read the same. */
    static double money(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
