/**
 * A generator of realistic synthetic shops: a catalog with categories, brands, colours,
 * sizes and prices, and weeks of shopper behaviour (views, clicks, searches, carts,
 * purchases, logins) driven by persistent personal tastes. The demo ingests it through
 * the HTTP API, load benchmarks replay it, and quality checks compare recommendations
 * with the tastes it hides ({@link org.attune.core.synthetic.Shopper}). Pure Java and
 * deterministic for a seed; start at {@link org.attune.core.synthetic.ShopGenerator}.
 */
package org.attune.core.synthetic;
