package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The generated catalog and the indexes shoppers browse it by: category listings sorted
 * by price (so that "similar price" is a neighbourhood), brand pages, the shop-wide
 * bestseller list and the trending products. Immutable after construction.
 */
final class SyntheticCatalog {
    static final String SHOP_ORIGIN = "https://demo.attune.local";
    static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** Shoppers' price sensitivity comes in this many steps above zero. */
    static final int PRICE_SENSITIVITY_LEVELS = 20;
    /** Random rank r gets base popularity 1/(r+1)^this: a Zipf-like long tail. */
    private static final double POPULARITY_EXPONENT = 0.9;
    private static final List<String> STYLES = List.of("Classic", "Essential", "Urban", "Premium", "Everyday",
            "Signature", "Soft", "Slim", "Relaxed", "Vintage", "Sport", "Pro", "Heritage", "Studio", "Cosy", "Lite",
            "Active", "Modern");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int[] NO_PRODUCTS = new int[0];

    private final CategoryTree tree;
    private final List<Brand> brands;
    private final List<SyntheticProduct> products;
    /** The same products as an array: the simulation looks products up millions of times. */
    private final SyntheticProduct[] productArray;
    private final CategoryLeaf[] leafArray;
    private final String[] productPages;
    private final float[][] priceFit;
    private final double[] leafTraffic;
    private final int[][] leafProductsByPrice;
    private final CumulativeWeights[] leafPopularity;
    private final int[] positionInLeaf;
    private final int[][] brandProducts;
    private final int[][] leafProductsByPopularity;
    private final int[][] brandProductsByPopularity;
    private final long[][] brandCreationTimes;
    private final CumulativeWeights[] brandPopularity;
    private final int[][] leafBrands;
    /** Per leaf, the products of each brand in {@code leafBrands[leaf]}, in the same order. */
    private final int[][][] leafBrandProducts;
    private final CumulativeWeights shopPopularity;
    private final CumulativeWeights leafChoice;
    private final int[] trending;
    private final int[][] leafTrending;

    SyntheticCatalog(ShopSpec spec) {
        SplittableRandom random = new SplittableRandom(Seeds.of(spec.seed(), 1, 0, 0));
        long end = spec.end().toEpochMilli();
        tree = CategoryTree.standard();
        List<CategoryLeaf> leaves = tree.leaves();
        leafArray = leaves.toArray(new CategoryLeaf[0]);
        leafTraffic = new double[leaves.size()];
        for (CategoryLeaf leaf : leaves) {
            leafTraffic[leaf.index()] = tree.departmentWeight(leaf.department()) * Draws.logNormal(random, 1, 0.5);
        }
        int brandCount = (int) Draws.clamp(spec.products() / 10, 8, 200);
        brands = BrandRoster.invent(tree, brandCount, random);
        products = inventProducts(spec.products(), end, random);
        productArray = products.toArray(new SyntheticProduct[0]);
        productPages = products.stream().map(p -> "/p/" + p.id()).toArray(String[]::new);
        priceFit = priceFitTable();

        leafProductsByPrice = new int[leaves.size()][];
        leafPopularity = new CumulativeWeights[leaves.size()];
        positionInLeaf = new int[products.size()];
        List<List<Integer>> byLeaf = groupBy(leaves.size(), SyntheticProduct::leaf);
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            int[] listing = byLeaf.get(leaf).stream()
                    .sorted(Comparator.comparingLong((Integer p) -> products.get(p).priceCents()).thenComparing(p -> p))
                    .mapToInt(Integer::intValue).toArray();
            leafProductsByPrice[leaf] = listing;
            leafPopularity[leaf] = popularityOf(listing);
            for (int position = 0; position < listing.length; position++) {
                positionInLeaf[listing[position]] = position;
            }
        }
        brandProducts = new int[brands.size()][];
        brandPopularity = new CumulativeWeights[brands.size()];
        List<List<Integer>> byBrand = groupBy(brands.size(), SyntheticProduct::brand);
        for (int brand = 0; brand < brands.size(); brand++) {
            brandProducts[brand] = byBrand.get(brand).stream().mapToInt(Integer::intValue).toArray();
            brandPopularity[brand] = popularityOf(brandProducts[brand]);
        }
        leafProductsByPopularity = Arrays.stream(leafProductsByPrice).map(this::byPopularity).toArray(int[][]::new);
        brandProductsByPopularity = Arrays.stream(brandProducts).map(this::byPopularity).toArray(int[][]::new);
        brandCreationTimes = Arrays.stream(brandProducts)
                .map(listing -> Arrays.stream(listing).mapToLong(p -> products.get(p).createdMillis()).sorted()
                        .toArray())
                .toArray(long[][]::new);
        leafBrands = new int[leaves.size()][];
        leafBrandProducts = new int[leaves.size()][][];
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            Map<Integer, List<Integer>> byBrandHere = new TreeMap<>();
            for (int product : leafProductsByPrice[leaf]) {
                byBrandHere.computeIfAbsent(products.get(product).brand(), b -> new ArrayList<>()).add(product);
            }
            leafBrands[leaf] = byBrandHere.keySet().stream().mapToInt(Integer::intValue).toArray();
            leafBrandProducts[leaf] = byBrandHere.values().stream()
                    .map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        }
        shopPopularity = popularityOf(products.stream().mapToInt(SyntheticProduct::index).toArray());
        double[] stockedTraffic = new double[leaves.size()];
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            stockedTraffic[leaf] = leafProductsByPrice[leaf].length == 0 ? 0 : leafTraffic[leaf];
        }
        leafChoice = new CumulativeWeights(stockedTraffic);
        trending = pickTrending(end, random);
        List<List<Integer>> trendingByLeaf = new ArrayList<>();
        for (int leaf = 0; leaf < leaves.size(); leaf++) {
            trendingByLeaf.add(new ArrayList<>());
        }
        for (int product : trending) {
            trendingByLeaf.get(products.get(product).leaf()).add(product);
        }
        leafTrending = trendingByLeaf.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    private List<SyntheticProduct> inventProducts(int count, long end, SplittableRandom random) {
        double[] brandWeights = brands.stream().mapToDouble(Brand::popularity).toArray();
        CumulativeWeights brandChoice = new CumulativeWeights(brandWeights);
        List<int[]> brandLeaves = new ArrayList<>();
        List<CumulativeWeights> brandLeafChoice = new ArrayList<>();
        for (Brand brand : brands) {
            int[] leaves = brand.sections().stream()
                    .flatMap(s -> tree.sections().get(s).leaves().stream()).mapToInt(Integer::intValue).toArray();
            brandLeaves.add(leaves);
            double[] traffic = Arrays.stream(leaves).mapToDouble(l -> leafTraffic[l]).toArray();
            brandLeafChoice.add(new CumulativeWeights(traffic));
        }
        // Popularity ranks are a random permutation, so that popularity is independent of product id.
        int[] ranks = new int[count];
        for (int i = 0; i < count; i++) {
            ranks[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = swap;
        }
        List<SyntheticProduct> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Brand brand = brands.get(brandChoice.draw(random));
            CategoryLeaf leaf = tree.leaves().get(brandLeaves.get(brand.index())[
                    brandLeafChoice.get(brand.index()).draw(random)]);
            String colour = null;
            if (leaf.palette() != Palette.NONE) {
                colour = leaf.palette().colours().get(leaf.palette().commonness().draw(random));
            }
            String size = null;
            int sizeIndex = -1;
            List<String> sizes = leaf.sizes().sizes();
            if (!sizes.isEmpty()) {
                // Shops stock more of the middle sizes.
                double middle = (sizes.size() - 1) / 2.0;
                sizeIndex = (int) Draws.clamp(Math.round(middle + Draws.gaussian(random) * sizes.size() / 4.0), 0,
                        sizes.size() - 1);
                size = sizes.get(sizeIndex);
            }
            long priceCents = shelfPriceCents(leaf.medianPrice() * brand.priceFactor()
                    * Draws.logNormal(random, 1, 0.35));
            long created = end - (long) (random.nextDouble() * 365 * DAY_MILLIS);
            boolean available = !Draws.chance(random, 0.03);
            int rank = ranks[i];
            double popularity = StrictMath.pow(brand.popularity(), 0.35)
                    / StrictMath.pow(rank + 1, POPULARITY_EXPONENT);
            String style = STYLES.get(random.nextInt(STYLES.size()));
            List<String> tags = new ArrayList<>();
            tags.add(style.toLowerCase(Locale.ROOT));
            if (created > end - 30 * DAY_MILLIS) {
                tags.add("new");
            }
            if (rank < Math.max(1, count / 50)) {
                tags.add("bestseller");
            }
            if (Draws.chance(random, 0.1)) {
                tags.add("sale");
            }
            if (Draws.chance(random, 0.06)) {
                tags.add("eco");
            }
            double rating = 0;
            if (!Draws.chance(random, 0.15)) {
                double stars = 4.0 + 0.35 * Draws.gaussian(random) + 0.25 * (1.0 - rank / (double) count);
                rating = Math.round(Draws.clamp(stars, 1.0, 5.0) * 10) / 10.0;
            }
            String title = brand.name() + " " + style + " " + leaf.name() + (colour == null ? "" : ", " + colour);
            result.add(new SyntheticProduct(i, String.format("p-%06d", i + 1), title, brand.index(), leaf.index(),
                    colour, size, sizeIndex, priceCents, available, created, popularity, List.copyOf(tags), rating));
        }
        return List.copyOf(result);
    }

    /** Shelf prices end the way shops end them: 4.99, 49.95, 149.99, 1249.00. */
    static long shelfPriceCents(double euros) {
        if (euros < 10) {
            return Math.max(99, Math.round(euros * 2) * 50 - 1);
        }
        if (euros < 100) {
            return (long) Math.floor(euros) * 100 + 95;
        }
        if (euros < 1000) {
            return Math.round(euros / 5) * 500 - 1;
        }
        return Math.round(euros / 50) * 5000 - 100;
    }

    /**
     * A few products in the middle of the popularity range that take off in the last
     * week, as if a post about them went viral. Only products that existed before then.
     */
    private int[] pickTrending(long end, SplittableRandom random) {
        int wanted = Math.max(3, products.size() / 1_000);
        List<Integer> eligible = new ArrayList<>();
        int[] byPopularity = products.stream()
                .sorted(Comparator.comparingDouble(SyntheticProduct::popularity).reversed()
                        .thenComparing(SyntheticProduct::index))
                .mapToInt(SyntheticProduct::index).toArray();
        for (int r = byPopularity.length / 20; r < byPopularity.length * 3 / 5; r++) {
            SyntheticProduct product = products.get(byPopularity[r]);
            if (product.available() && product.createdMillis() < end - 14 * DAY_MILLIS) {
                eligible.add(product.index());
            }
        }
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < wanted && !eligible.isEmpty()) {
            chosen.add(eligible.remove(random.nextInt(eligible.size())));
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private List<List<Integer>> groupBy(int groups, ToIntFunction<SyntheticProduct> key) {
        List<List<Integer>> result = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            result.add(new ArrayList<>());
        }
        for (SyntheticProduct product : products) {
            result.get(key.applyAsInt(product)).add(product.index());
        }
        return result;
    }

    /** The same products, most popular first, as the shop lists search results. */
    private int[] byPopularity(int[] productIndices) {
        return Arrays.stream(productIndices).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> products.get(p).popularity()).reversed()
                        .thenComparing(p -> p))
                .mapToInt(Integer::intValue).toArray();
    }

    private CumulativeWeights popularityOf(int[] productIndices) {
        return new CumulativeWeights(Arrays.stream(productIndices)
                .mapToDouble(p -> products.get(p).popularity()).toArray());
    }

    /**
     * How a product's price suits shoppers of each price-sensitivity level: price-sensitive
     * shoppers are drawn to what is cheap for its category, the others slightly to what is
     * dear. The factor is (price / category median) to the power of
     * -(2 sensitivity - 0.6), clamped to [0.2, 3]. Tabled once because the simulation asks
     * for it for every product a shopper sees.
     */
    private float[][] priceFitTable() {
        float[][] table = new float[productArray.length][PRICE_SENSITIVITY_LEVELS + 1];
        for (SyntheticProduct product : productArray) {
            double relativePrice = product.priceCents() / (tree.leaves().get(product.leaf()).medianPrice() * 100);
            for (int level = 0; level <= PRICE_SENSITIVITY_LEVELS; level++) {
                double exponent = 2.0 * level / PRICE_SENSITIVITY_LEVELS - 0.6;
                table[product.index()][level] = (float) Draws.clamp(StrictMath.pow(relativePrice, -exponent), 0.2, 3);
            }
        }
        return table;
    }

    /** See {@link #priceFitTable()}; {@code sensitivityLevel} is 0 to {@value #PRICE_SENSITIVITY_LEVELS}. */
    double priceFit(int product, int sensitivityLevel) {
        return priceFit[product][sensitivityLevel];
    }

    CategoryTree tree() {
        return tree;
    }

    List<Brand> brands() {
        return brands;
    }

    List<SyntheticProduct> products() {
        return products;
    }

    SyntheticProduct product(int index) {
        return productArray[index];
    }

    /** The index of the product with this id ("p-000123"), or -1 when the catalog has no such product. */
    int indexOf(String productId) {
        if (productId == null || !productId.startsWith("p-") || productId.length() > 12) {
            return -1;
        }
        int index = 0;
        for (int i = 2; i < productId.length(); i++) {
            char digit = productId.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            index = index * 10 + (digit - '0');
        }
        index--;
        return index >= 0 && index < productArray.length && productArray[index].id().equals(productId) ? index : -1;
    }

    CategoryLeaf leafOf(SyntheticProduct product) {
        return leafArray[product.leaf()];
    }

    /** Relative traffic of each leaf, the base of shoppers' category tastes. */
    double leafTraffic(int leaf) {
        return leafTraffic[leaf];
    }

    /** Draws a leaf that has products, in proportion to its traffic. */
    int drawLeaf(SplittableRandom random) {
        return leafChoice.draw(random);
    }

    /** Products of a leaf, cheapest first. */
    int[] leafListing(int leaf) {
        return leafProductsByPrice[leaf];
    }

    /** Draws a product of a non-empty leaf in proportion to popularity. */
    int drawFromLeaf(int leaf, SplittableRandom random) {
        return leafProductsByPrice[leaf][leafPopularity[leaf].draw(random)];
    }

    /** Position of a product in its leaf's price-sorted listing. */
    int positionInLeaf(int product) {
        return positionInLeaf[product];
    }

    int[] brandListing(int brand) {
        return brandProducts[brand];
    }

    /** Products of a leaf, most popular first. */
    int[] leafListingByPopularity(int leaf) {
        return leafProductsByPopularity[leaf];
    }

    /** Products of a brand, most popular first. */
    int[] brandListingByPopularity(int brand) {
        return brandProductsByPopularity[brand];
    }

    /** How many products of a brand exist at an instant. */
    int brandProductsExisting(int brand, long at) {
        long[] times = brandCreationTimes[brand];
        int low = 0;
        int high = times.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= at) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    int drawFromBrand(int brand, SplittableRandom random) {
        return brandProducts[brand][brandPopularity[brand].draw(random)];
    }

    /** Products of one brand in one leaf; empty when the brand has none there. */
    int[] leafBrandListing(int leaf, int brand) {
        int found = Arrays.binarySearch(leafBrands[leaf], brand);
        return found < 0 ? NO_PRODUCTS : leafBrandProducts[leaf][found];
    }

    /** Brands with at least one product in the leaf, by index. */
    int[] brandsInLeaf(int leaf) {
        return leafBrands[leaf];
    }

    int drawFromShop(SplittableRandom random) {
        return shopPopularity.draw(random);
    }

    int[] trending() {
        return trending;
    }

    int[] trendingInLeaf(int leaf) {
        return leafTrending[leaf];
    }

    String productPage(SyntheticProduct product) {
        return productPages[product.index()];
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    ObjectNode productJson(SyntheticProduct product) {
        CategoryLeaf leaf = leafOf(product);
        ObjectNode json = NODES.objectNode();
        json.put("id", product.id());
        json.put("title", product.title());
        json.put("brand", brands.get(product.brand()).name());
        if (product.colour() != null) {
            json.put("color", product.colour());
        }
        if (product.size() != null) {
            json.put("size", product.size());
        }
        json.put("category", leaf.path());
        ArrayNode ancestors = json.putArray("categories");
        leaf.ancestors().forEach(ancestors::add);
        json.put("price", euros(product.priceCents()));
        json.put("available", product.available());
        json.put("image", SHOP_ORIGIN + "/img/" + product.id() + ".jpg");
        json.put("url", SHOP_ORIGIN + productPage(product));
        ArrayNode tags = json.putArray("tags");
        product.tags().forEach(tags::add);
        if (product.rating() > 0) {
            json.put("rating", product.rating());
        }
        json.put("created", Instant.ofEpochMilli(product.createdMillis()).toString());
        return json;
    }

    static ObjectNode definitionJson(String catalogId) {
        ObjectNode json = NODES.objectNode();
        json.put("id", catalogId);
        json.put("name", "Attune synthetic shop");
        json.put("language", "en");
        ArrayNode attributes = json.putObject("schema").putArray("attributes");
        attribute(attributes, "title", "string", "title").put("required", true);
        attribute(attributes, "brand", "string", "brand");
        attribute(attributes, "color", "string", "color");
        attribute(attributes, "size", "string", "size");
        attribute(attributes, "category", "string", "category");
        attribute(attributes, "categories", "string_list", null);
        attribute(attributes, "price", "number", "price");
        attribute(attributes, "available", "boolean", "availability");
        attribute(attributes, "image", "url", "image");
        attribute(attributes, "url", "url", "url");
        attribute(attributes, "tags", "string_list", "tags");
        attribute(attributes, "rating", "number", null);
        attribute(attributes, "created", "timestamp", null);
        return json;
    }

    private static ObjectNode attribute(ArrayNode attributes, String name, String type, String role) {
        ObjectNode attribute = attributes.addObject();
        attribute.put("name", name);
        attribute.put("type", type);
        if (role != null) {
            attribute.put("role", role);
        }
        return attribute;
    }
}
