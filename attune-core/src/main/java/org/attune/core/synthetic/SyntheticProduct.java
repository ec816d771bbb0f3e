package org.attune.core.synthetic;

import java.util.List;

/**
 * One generated product, kept in compact form; {@link SyntheticCatalog#productJson} renders it.
 *
 * @param index position in the catalog
 * @param id "p-000123"
 * @param title "Nordvik Urban Sneakers, Black"
 * @param brand brand index
 * @param leaf category leaf index
 * @param colour colour name, or null for categories without colours
 * @param size size name, or null for categories without sizes
 * @param sizeIndex position of the size in its scheme, -1 without size
 * @param priceCents price in euro cents
 * @param available false for the products that are out of stock now
 * @param createdMillis when it was added to the catalog; shoppers never meet it earlier
 * @param popularity long-tailed base appeal that category pages, search and the home page rank by
 * @param tags free tags
 * @param rating average review stars, 0 for a product without reviews
 */
record SyntheticProduct(int index, String id, String title, int brand, int leaf, String colour, String size,
                        int sizeIndex, long priceCents, boolean available, long createdMillis, double popularity,
                        List<String> tags, double rating) {
}
