package org.attune.core.catalog;

import java.time.Instant;

/**
 * Size and churn of a catalog.
 *
 * @param catalog catalog id
 * @param products live (not removed) products
 * @param availableProducts live products that are available
 * @param windowDays length of the churn window in days
 * @param since start of the churn window
 * @param added products added within the window
 * @param changed products changed within the window
 * @param removed products removed within the window
 * @param churn (added + removed) / live products at the window start: the share of the
 *     catalog that turned over within the window; when the catalog was empty at the window
 *     start, the base is every product live within the window instead
 */
public record CatalogStats(String catalog, long products, long availableProducts, int windowDays, Instant since,
                           long added, long changed, long removed, double churn) {
}
