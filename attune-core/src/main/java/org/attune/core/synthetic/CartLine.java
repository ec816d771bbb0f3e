package org.attune.core.synthetic;

/**
 * A product in a shopper's cart.
 *
 * @param product product index
 * @param quantity how many
 */
record CartLine(int product, int quantity) {
}
