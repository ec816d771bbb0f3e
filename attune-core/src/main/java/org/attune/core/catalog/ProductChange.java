package org.attune.core.catalog;

import java.time.Instant;

/**
 * One recorded change to a catalog, kept so that churn can be measured over any window.
 *
 * @param productId the product concerned
 * @param kind added (first time or re-added after removal), changed, or removed
 * @param at when the change was accepted
 */
public record ProductChange(String productId, Kind kind, Instant at) {
    /** What happened to the product. */
    public enum Kind { ADDED, CHANGED, REMOVED }
}
