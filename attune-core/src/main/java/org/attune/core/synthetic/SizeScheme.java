package org.attune.core.synthetic;

import java.util.List;

/**
 * The sizes a category is sold in. A product is one size variant. For schemes that
 * depend on the wearer ({@link #personal()}), each shopper has a fit and rarely buys
 * another size, which gives models a size signal to learn.
 */
enum SizeScheme {
    NONE(false),
    WOMEN_CLOTHING(true, "XS", "S", "M", "L", "XL"),
    MEN_CLOTHING(true, "S", "M", "L", "XL", "XXL"),
    WOMEN_SHOES(true, "36", "37", "38", "39", "40", "41", "42"),
    MEN_SHOES(true, "40", "41", "42", "43", "44", "45", "46"),
    UNISEX_CLOTHING(true, "XS", "S", "M", "L", "XL", "XXL"),
    UNISEX_SHOES(true, "37", "38", "39", "40", "41", "42", "43", "44", "45", "46"),
    KIDS_CLOTHING(true, "98", "110", "122", "134", "146", "158"),
    BABY_CLOTHING(true, "50", "56", "62", "68", "74", "80", "86"),
    KIDS_SHOES(true, "24", "26", "28", "30", "32", "34"),
    ACCESSORY(true, "S", "M", "L"),
    RING(true, "50", "52", "54", "56", "58", "60"),
    BED(false, "Single", "Double", "King"),
    VOLUME(false, "30 ml", "50 ml", "100 ml");

    private final boolean personal;
    private final List<String> sizes;

    SizeScheme(boolean personal, String... sizes) {
        this.personal = personal;
        this.sizes = List.of(sizes);
    }

    /** Whether the right size depends on the shopper (clothing, shoes) rather than on taste (bed size). */
    boolean personal() {
        return personal;
    }

    List<String> sizes() {
        return sizes;
    }

    /** The size index that fits a shopper at the given quantile of the population (0 smallest, 1 largest). */
    int fittingIndex(double fitQuantile) {
        return (int) Math.round(fitQuantile * (sizes.size() - 1));
    }
}
