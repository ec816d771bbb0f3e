package org.attune.core.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws the shoppers: their tastes, their activity and their visit schedule. Each
 * shopper has a random stream of their own, so that the population does not depend on
 * anything but the seed and the shopper's number.
 */
final class ShopperPopulation {
    /** A session lasts at most {@link SessionSimulator#MAX_SESSION_MILLIS}, so sessions never overlap. */
    static final long MIN_GAP_MILLIS = 2 * 3_600_000L;
    private static final int MAX_SESSIONS = 60;
    private static final double MEDIAN_VISITS_PER_PERIOD = 3;

    private ShopperPopulation() {
    }

    static List<ShopperPersona> draw(ShopSpec spec, SyntheticCatalog catalog, TrafficSeasonality traffic) {
        long end = spec.end().toEpochMilli();
        long start = spec.start().toEpochMilli();
        long idSalt = Seeds.mix(spec.seed() ^ 0x5DEECE66DL);
        List<ShopperPersona> shoppers = new ArrayList<>(spec.shoppers());
        for (int i = 0; i < spec.shoppers(); i++) {
            SplittableRandom random = new SplittableRandom(Seeds.of(spec.seed(), 2, i, 0));
            shoppers.add(drawOne(i, catalog, traffic, start, end, idSalt, random));
        }
        return shoppers;
    }

    private static ShopperPersona drawOne(int index, SyntheticCatalog catalog, TrafficSeasonality traffic,
                                          long start, long end, long idSalt, SplittableRandom random) {
        CategoryTree tree = catalog.tree();
        // Departments are chosen through leaves, so that empty departments of a small shop are never favourites.
        int wantedDepartments = random.nextDouble() < 0.5 ? 1 : random.nextDouble() < 0.7 ? 2 : 3;
        Set<Integer> departments = new LinkedHashSet<>();
        for (int attempt = 0; attempt < 20 && departments.size() < wantedDepartments; attempt++) {
            departments.add(tree.leaves().get(catalog.drawLeaf(random)).department());
        }
        List<Integer> candidates = new ArrayList<>();
        for (CategoryLeaf leaf : tree.leaves()) {
            if (departments.contains(leaf.department()) && catalog.leafListing(leaf.index()).length > 0) {
                candidates.add(leaf.index());
            }
        }
        double[] candidateWeights = candidates.stream().mapToDouble(catalog::leafTraffic).toArray();
        int wantedLeaves = Math.min(candidates.size(), 3 + random.nextInt(5));
        int[] leaves = Arrays.stream(drawWithoutReplacement(candidateWeights, wantedLeaves, random))
                .map(candidates::get).toArray();
        double[] leafTaste = Arrays.stream(leaves)
                .mapToDouble(l -> catalog.leafTraffic(l) * Draws.logNormal(random, 1, 0.8)).toArray();

        // A shopper's brands are brands that make what they shop for, in proportion to how much of it they make.
        int brandCount = catalog.brands().size();
        double[] brandWeights = new double[brandCount];
        int brandsAvailable = 0;
        for (int l = 0; l < leaves.length; l++) {
            int[] brandsHere = catalog.brandsInLeaf(leaves[l]);
            for (int brand : brandsHere) {
                if (brandWeights[brand] == 0) {
                    brandsAvailable++;
                }
                brandWeights[brand] += leafTaste[l] * catalog.leafBrandListing(leaves[l], brand).length;
            }
        }
        double draw = random.nextDouble();
        int wantedBrands = Math.min(draw < 0.4 ? 2 : draw < 0.8 ? 3 : 4, brandsAvailable);
        int[] brands = drawWithoutReplacement(brandWeights, wantedBrands, random);

        Palette fashion = Palette.FASHION;
        Set<String> colours = new LinkedHashSet<>();
        int wantedColours = Draws.chance(random, 0.5) ? 2 : 3;
        while (colours.size() < wantedColours) {
            colours.add(fashion.colours().get(fashion.commonness().draw(random)));
        }

        int levels = SyntheticCatalog.PRICE_SENSITIVITY_LEVELS;
        int priceSensitivityLevel = (int) Draws.clamp(Math.round(levels * (0.5 + 0.22 * Draws.gaussian(random))), 0,
                levels);
        double fitQuantile = Draws.clamp(0.5 + 0.22 * Draws.gaussian(random), 0, 1);
        double exitRate = Draws.clamp(Draws.logNormal(random, 0.17, 0.35), 0.06, 0.5);
        double buyingPropensity = Draws.clamp(Draws.logNormal(random, 1, 0.6), 0.1, 4);
        double searchRate = Draws.clamp(Draws.logNormal(random, 1, 0.6), 0.1, 4);
        double filterRate = 0.15 + 0.35 * random.nextDouble();

        long[] sessionStarts = schedule(traffic, start, end, random);
        int sessions = sessionStarts.length;
        List<ShopperDevice> devices = new ArrayList<>();
        String firstType = deviceType(random);
        devices.add(device(idSalt, index, 0, firstType, random));
        boolean twoDevices = sessions >= 3 && Draws.chance(random, 0.25);
        if (twoDevices) {
            devices.add(device(idSalt, index, 1, firstType.equals("mobile") ? "desktop" : "mobile", random));
        }
        // Regular visitors are likelier to have an account; people with two devices log in to keep their cart.
        boolean registered = twoDevices || Draws.chance(random, Math.min(0.8, 0.1 + 0.04 * sessions));
        String userId = registered ? "u-" + zeroPadded(index + 1, 7) : null;
        int loginSession = -1;
        if (registered) {
            loginSession = random.nextInt(twoDevices ? (sessions + 1) / 2 : sessions);
        }
        return new ShopperPersona(index, departments.stream().mapToInt(Integer::intValue).toArray(), leaves,
                new CumulativeWeights(leafTaste), brands, List.copyOf(colours), priceSensitivityLevel, fitQuantile,
                exitRate, buyingPropensity, searchRate, filterRate, List.copyOf(devices), userId, loginSession,
                sessionStarts);
    }

    /**
     * Visit times. Each shopper visits at a log-normal rate (median
     * {@value #MEDIAN_VISITS_PER_PERIOD} visits per period length; a long tail of weekly and
     * near-daily visitors) during an active span that is longer the more often they come.
     * The span is placed on a timeline that reaches past both ends of the period and then
     * clipped, so newcomers arrive and others drift away during the period, and the
     * period's edges are as busy as its middle. Everyone visits at least once.
     */
    private static long[] schedule(TrafficSeasonality traffic, long start, long end, SplittableRandom random) {
        double rate = Draws.clamp(Draws.logNormal(random, MEDIAN_VISITS_PER_PERIOD, 1.3), 0.3, MAX_SESSIONS);
        double share = Draws.clamp(0.2 + 0.15 * rate + 0.5 * random.nextDouble(), 0.2, 3);
        long period = end - start;
        long span = (long) (period * share);
        long spanStart = start - span + (long) (random.nextDouble() * (period + span));
        long from = Math.max(start, spanStart);
        long to = Math.min(end, spanStart + span);
        double expected = rate * (to - from) / period;
        // Rounding up or down at random keeps the expected number of visits unbiased.
        long rounded = (long) expected + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
        if (rounded == 0) {
            // A passer-by: the one visit may fall anywhere, not only in the clipped span,
            // which near the period's edges is short and would crowd the edges.
            from = start;
            to = end;
        }
        int wanted = (int) Draws.clamp(rounded, 1, MAX_SESSIONS);
        long[] times = new long[wanted];
        for (int s = 0; s < wanted; s++) {
            times[s] = traffic.draw(random, from, to);
        }
        Arrays.sort(times);
        long[] kept = new long[wanted];
        int count = 0;
        for (long time : times) {
            long earliest = count == 0 ? Long.MIN_VALUE : kept[count - 1] + MIN_GAP_MILLIS;
            long at = Math.max(time, earliest);
            if (at < end) {
                kept[count++] = at;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static String zeroPadded(int number, int width) {
        String digits = Integer.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static String deviceType(SplittableRandom random) {
        double draw = random.nextDouble();
        return draw < 0.55 ? "mobile" : draw < 0.9 ? "desktop" : "tablet";
    }

    private static ShopperDevice device(long idSalt, int shopper, int slot, String type, SplittableRandom random) {
        // mix is a bijection, so distinct (shopper, slot) pairs always give distinct ids.
        String hex = Long.toHexString(Seeds.mix(idSalt ^ (2L * shopper + slot)));
        String anonymousId = "a-" + "0".repeat(16 - hex.length()) + hex;
        String surface = type.equals("mobile") && Draws.chance(random, 0.35) ? "app" : "web";
        return new ShopperDevice(anonymousId, type, surface);
    }

    /** Positions drawn in proportion to their weights, each at most once; needs {@code count} positive weights. */
    private static int[] drawWithoutReplacement(double[] weights, int count, SplittableRandom random) {
        double[] remaining = weights.clone();
        int[] chosen = new int[count];
        for (int c = 0; c < count; c++) {
            int position = Draws.index(random, remaining);
            chosen[c] = position;
            remaining[position] = 0;
        }
        return chosen;
    }
}
