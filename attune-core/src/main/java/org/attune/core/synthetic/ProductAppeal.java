package org.attune.core.synthetic;

/**
 * How a shopper responds to a product they see: how strongly a listed product draws
 * them ({@link #appeal}), and the chance that a viewed one goes into their cart
 * ({@link #cartChance}). Both grow with the shopper's tastes (preferred brand, strongest
 * for the top one; colour; favourite category or department), price fit for their
 * sensitivity and size fit, and fall for products out of stock.
 *
 * <p>Pure functions of the shopper, the product and the catalog, which does not change
 * once drawn: thread-safe.
 */
final class ProductAppeal {
    private final SyntheticCatalog catalog;

    ProductAppeal(SyntheticCatalog catalog) {
        this.catalog = catalog;
    }

    /** How strongly a shopper at a given moment is drawn to a product they see listed; 0 before it exists. */
    double appeal(ShopperPersona shopper, SyntheticProduct product, long now) {
        if (product.createdMillis() > now) {
            return 0;
        }
        double appeal = 1;
        int brandRank = shopper.brandRank(product.brand());
        if (brandRank == 0) {
            appeal *= 6;
        } else if (brandRank > 0) {
            appeal *= 3.5;
        }
        if (shopper.likesColour(product.colour())) {
            appeal *= 2.2;
        }
        CategoryLeaf leaf = catalog.leafOf(product);
        if (shopper.likesLeaf(leaf.index())) {
            appeal *= 2;
        } else if (shopper.likesDepartment(leaf.department())) {
            appeal *= 1.3;
        }
        appeal *= catalog.priceFit(product.index(), shopper.priceSensitivityLevel());
        if (leaf.sizes().personal()) {
            int distance = Math.abs(product.sizeIndex() - leaf.sizes().fittingIndex(shopper.fitQuantile()));
            appeal *= distance == 0 ? 1.6 : distance == 1 ? 1.0 : 0.4;
        }
        if (!product.available()) {
            appeal *= 0.4;
        }
        return appeal;
    }

    /** Chance that a viewed product goes into the cart. */
    double cartChance(ShopperPersona shopper, SyntheticProduct product) {
        if (!product.available()) {
            return 0;
        }
        CategoryLeaf leaf = catalog.leafOf(product);
        double match = 1;
        int brandRank = shopper.brandRank(product.brand());
        match *= brandRank == 0 ? 2.2 : brandRank > 0 ? 1.7 : 1;
        match *= product.colour() == null ? 1 : shopper.likesColour(product.colour()) ? 1.5 : 0.8;
        match *= shopper.likesLeaf(leaf.index()) ? 1.3 : 0.7;
        match *= catalog.priceFit(product.index(), shopper.priceSensitivityLevel());
        if (leaf.sizes().personal()) {
            int distance = Math.abs(product.sizeIndex() - leaf.sizes().fittingIndex(shopper.fitQuantile()));
            match *= distance == 0 ? 1.4 : distance == 1 ? 0.4 : 0.05;
        }
        return Math.min(0.6, 0.014 * shopper.buyingPropensity() * match);
    }
}
