package org.attune.core.synthetic;

import java.util.List;
import java.util.Locale;

/**
 * One leaf of the category tree, e.g. Women &gt; Shoes &gt; Sneakers, with what its
 * products are like.
 *
 * @param index position in {@link CategoryTree#leaves()}
 * @param department index of the top-level department
 * @param section index of the second-level section in {@link CategoryTree#sections()}
 * @param name the leaf's own name ("Sneakers")
 * @param path the full path ("Women > Shoes > Sneakers")
 * @param ancestors the paths above it ("Women", "Women > Shoes")
 * @param sizes the sizes it is sold in
 * @param palette the colours it comes in
 * @param medianPrice the typical price in euros, before brand premium and spread
 * @param pagePath the shop path of its listing page
 */
record CategoryLeaf(int index, int department, int section, String name, String path, List<String> ancestors,
                    SizeScheme sizes, Palette palette, double medianPrice, String pagePath) {

    /** The words a shopper types for it: "running shoes". */
    String searchTerm() {
        return name.toLowerCase(Locale.ROOT);
    }
}
