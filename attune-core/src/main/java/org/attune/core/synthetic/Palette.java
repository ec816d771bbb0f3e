package org.attune.core.synthetic;

import java.util.List;

/**
 * The colours a category comes in, with how common each is. Palettes share colour
 * names (Black, White, Blue...), so a shopper's liking for a colour carries across
 * departments.
 */
enum Palette {
    NONE(List.of(), new double[0]),
    FASHION(List.of("Black", "White", "Navy", "Grey", "Blue", "Beige", "Brown", "Red", "Green", "Pink", "Olive",
            "Yellow", "Burgundy"), new double[] {10, 6, 5, 5, 4, 4, 3, 3, 3, 2.5, 2, 1.5, 1.5}),
    SPORT(List.of("Black", "Blue", "Grey", "White", "Red", "Green", "Orange", "Neon Yellow"),
            new double[] {6, 4, 3, 3, 3, 2, 2, 2}),
    HOME(List.of("White", "Grey", "Beige", "Black", "Oak", "Walnut", "Green", "Blue", "Terracotta", "Yellow"),
            new double[] {6, 5, 4, 3, 3, 2, 2, 2, 1.5, 1}),
    TECH(List.of("Black", "White", "Silver", "Space Grey", "Blue", "Red"), new double[] {8, 4, 3, 3, 1.5, 1}),
    SHADES(List.of("Nude", "Rose", "Red", "Berry", "Coral", "Brown", "Clear"), new double[] {4, 3, 3, 2, 2, 2, 1}),
    METAL(List.of("Gold", "Silver", "Rose Gold", "Black"), new double[] {4, 4, 2, 1});

    private final List<String> colours;
    private final CumulativeWeights commonness;

    Palette(List<String> colours, double[] commonness) {
        this.colours = colours;
        this.commonness = new CumulativeWeights(commonness);
    }

    List<String> colours() {
        return colours;
    }

    /** How common colours are, by position in {@link #colours()}. */
    CumulativeWeights commonness() {
        return commonness;
    }
}
