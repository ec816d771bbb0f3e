/**
 * A generator of realistic synthetic shops: a catalog with categories, brands, colours,
 * sizes and prices, and weeks of shopper behaviour (views, clicks, searches, carts,
 * purchases, logins) driven by persistent personal tastes. The demo ingests it through
 * the HTTP API, load benchmarks replay it, and quality checks compare recommendations
 * with the tastes it hides ({@link org.attune.core.synthetic.Shopper}). It can also show
 * shoppers what recommendation placements answer and let them click and buy by their tastes
 * ({@link org.attune.core.synthetic.ShopExposure}), a hook through which the demo measures
 * what its real placements earn. Pure Java and deterministic for a seed (and, with exposure,
 * for the answers given); start at {@link org.attune.core.synthetic.ShopGenerator}.
 */
package org.attune.core.synthetic;
