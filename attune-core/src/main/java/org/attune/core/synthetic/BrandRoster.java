package org.attune.core.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Invents the shop's brands: names, a power-law popularity (Zipf exponent
 * {@value #POPULARITY_EXPONENT}), a price premium, and the few departments and
 * sections each brand makes products in.
 */
final class BrandRoster {
    /** With 200 brands this gives the leading brand about a tenth of the catalog, as in a typical fashion shop. */
    static final double POPULARITY_EXPONENT = 0.8;

    private static final List<String> FIRST_SYLLABLES = List.of("Nord", "Alba", "Vel", "Kai", "Lum", "Oro", "Sol",
            "Tera", "Mira", "Zen", "Bram", "Cor", "Del", "Fen", "Hal", "Isk", "Jun", "Kest", "Lind", "Mar", "Nox",
            "Ost", "Pim", "Quill", "Rav", "Sel", "Tov", "Ulm", "Var", "Wren", "Yst", "Arv");
    private static final List<String> SECOND_SYLLABLES = List.of("vik", "ora", "ex", "lund", "ena", "ia", "ford",
            "ique", "o", "wood", "and", "el", "ova", "ix", "ton", "ara", "is", "um", "mark", "berg");

    private BrandRoster() {
    }

    static List<Brand> invent(CategoryTree tree, int count, SplittableRandom random) {
        int maxNames = FIRST_SYLLABLES.size() * SECOND_SYLLABLES.size();
        if (count > maxNames) {
            throw new IllegalArgumentException("at most " + maxNames + " brands can be named, asked for " + count);
        }
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < count) {
            String name = FIRST_SYLLABLES.get(random.nextInt(FIRST_SYLLABLES.size()))
                    + SECOND_SYLLABLES.get(random.nextInt(SECOND_SYLLABLES.size()));
            names.add(Draws.chance(random, 0.08) ? name + " & Co" : name);
        }
        int departmentCount = tree.departments().size();
        double[] departmentWeights = new double[departmentCount];
        for (int d = 0; d < departmentCount; d++) {
            departmentWeights[d] = tree.departmentWeight(d);
        }
        CumulativeWeights departmentChoice = new CumulativeWeights(departmentWeights);
        List<Brand> brands = new ArrayList<>(count);
        int rank = 0;
        for (String name : names) {
            // The first brands cover every department once, so that even a small shop has goods everywhere.
            Set<Integer> departments = new LinkedHashSet<>();
            departments.add(rank < departmentCount ? rank : departmentChoice.draw(random));
            if (Draws.chance(random, 0.4)) {
                departments.add(departmentChoice.draw(random));
            }
            if (Draws.chance(random, 0.12)) {
                departments.add(departmentChoice.draw(random));
            }
            List<Integer> sections = new ArrayList<>();
            for (int department : departments) {
                sections.addAll(someSectionsOf(tree, department, random));
            }
            double popularity = 1.0 / StrictMath.pow(rank + 1, POPULARITY_EXPONENT);
            double priceFactor = Draws.clamp(Draws.logNormal(random, 1.0, 0.3), 0.5, 2.5);
            brands.add(new Brand(rank, name, popularity, priceFactor, List.copyOf(sections),
                    "/b/" + CategoryTree.slug(name)));
            rank++;
        }
        return List.copyOf(brands);
    }

    /** A brand rarely spans a whole department: about two thirds of its sections, at least one. */
    private static List<Integer> someSectionsOf(CategoryTree tree, int department, SplittableRandom random) {
        List<Integer> all = new ArrayList<>();
        for (CategoryTree.Section section : tree.sections()) {
            if (section.department() == department) {
                all.add(section.index());
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int section : all) {
            if (Draws.chance(random, 0.65)) {
                chosen.add(section);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(all.get(random.nextInt(all.size())));
        }
        return chosen;
    }
}
