package org.attune.core.synthetic;

import java.util.List;
import java.util.Objects;

/**
 * What the shop's recommendation placements show a simulated shopper: the hook through which
 * the generator meets a real decision engine (the demo's, in-process, as of the simulated
 * time) or a test's stand-in. It lives here, not in decisioning, because the generator sits in
 * the records layer and may not depend on what decides; the demo (in the server) adapts the
 * decision engine to it.
 *
 * <p>The generator calls it from one thread, in the order of the simulated time of the
 * sessions that ask (sessions are played in order of their start, so two asks of overlapping
 * sessions may come slightly out of time order). Implementations need not be thread-safe.
 */
public interface ShopRecommendations {
    /** The kind of page that shows a placement. */
    enum Page {
        /** The home page's personal carousel. */
        HOME,
        /** A product page's carousel of products related to the one on the page. */
        PRODUCT
    }

    /**
     * One page about to be rendered with a placement on it.
     *
     * @param page what kind of page
     * @param anonymousId the device's anonymous id
     * @param userId the account id when the shopper is logged in on this device, else null
     * @param contextProduct the product on the page, for {@link Page#PRODUCT}; else null
     * @param time the simulated time, epoch milliseconds
     */
    record Ask(Page page, String anonymousId, String userId, String contextProduct, long time) {
    }

    /**
     * What the placement shows.
     *
     * @param recId the answer's id, carried by the impression and click events that follow it
     * @param productIds the products in the order shown; ids the shop does not know are shown but never clicked
     */
    record Shown(String recId, List<String> productIds) {
        public Shown {
            Objects.requireNonNull(recId, "recId");
            productIds = List.copyOf(productIds);
        }
    }

    /** What the placement shows on this page, or null when it shows nothing. */
    Shown show(Ask ask);

    /**
     * Every event earlier than {@code time} has now reached the generator's sink; the
     * generator asks for nothing earlier than {@code time} after this call. A real engine
     * makes sure here that it has applied those events, so that what it shows next knows
     * the shoppers' behaviour up to then. Does nothing by default.
     */
    default void eventsSentBefore(long time) {
    }
}
