package org.attune.core.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fixed three-level category tree of the synthetic shop: 8 departments, 38
 * sections, 165 leaves. Each section says which sizes and colours its products come
 * in and what they typically cost, so that a pair of sneakers gets a shoe size and a
 * sofa gets none. Immutable.
 */
final class CategoryTree {
    private final List<String> departments = new ArrayList<>();
    private final List<Double> departmentWeights = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<CategoryLeaf> leaves = new ArrayList<>();

    /**
     * A second-level section.
     *
     * @param index position in {@link #sections()}
     * @param department index of its department
     * @param path "Women > Shoes"
     * @param leaves indices of its leaves
     */
    record Section(int index, int department, String path, List<Integer> leaves) {
    }

    private CategoryTree() {
    }

    /**
     * The standard tree. Department weights say how much traffic each draws; leaf
     * entries are "Name" or "Name:median price" when the leaf's price differs from its
     * section's.
     */
    static CategoryTree standard() {
        CategoryTree tree = new CategoryTree();
        tree.department("Women", 1.6);
        tree.section("Clothing", SizeScheme.WOMEN_CLOTHING, Palette.FASHION, 45, "Dresses:60", "Tops:25",
                "T-Shirts:18", "Blouses:35", "Knitwear:50", "Jeans:60", "Trousers:50", "Skirts:40", "Jackets:90",
                "Coats:140");
        tree.section("Shoes", SizeScheme.WOMEN_SHOES, Palette.FASHION, 70, "Sneakers:80", "Boots:110", "Sandals:45",
                "Heels:75", "Flats:50", "Loafers:70");
        tree.section("Lingerie & Nightwear", SizeScheme.WOMEN_CLOTHING, Palette.FASHION, 25, "Bras:30", "Briefs:12",
                "Pyjamas:35", "Robes:45");
        tree.section("Bags", SizeScheme.NONE, Palette.FASHION, 60, "Handbags:90", "Backpacks:55", "Wallets:35",
                "Totes:45");
        tree.department("Men", 1.1);
        tree.section("Clothing", SizeScheme.MEN_CLOTHING, Palette.FASHION, 45, "Shirts:45", "T-Shirts:20",
                "Polos:35", "Knitwear:55", "Jeans:65", "Chinos:55", "Suits:250", "Jackets:110", "Coats:160");
        tree.section("Shoes", SizeScheme.MEN_SHOES, Palette.FASHION, 85, "Sneakers:85", "Boots:120", "Loafers:90",
                "Formal Shoes:110", "Sandals:45");
        tree.section("Underwear", SizeScheme.MEN_CLOTHING, Palette.FASHION, 15, "Boxers:15", "Socks:8",
                "Pyjamas:35");
        tree.section("Accessories", SizeScheme.NONE, Palette.FASHION, 35, "Belts:35", "Ties:30", "Watches:150",
                "Wallets:40");
        tree.department("Kids", 0.8);
        tree.section("Girls", SizeScheme.KIDS_CLOTHING, Palette.FASHION, 22, "Dresses:25", "Tops:15",
                "Trousers:20", "Jackets:40");
        tree.section("Boys", SizeScheme.KIDS_CLOTHING, Palette.FASHION, 22, "T-Shirts:12", "Trousers:22",
                "Hoodies:25", "Jackets:40");
        tree.section("Baby", SizeScheme.BABY_CLOTHING, Palette.FASHION, 18, "Bodysuits:15", "Sleepsuits:20",
                "Rompers:22");
        tree.section("Toys", SizeScheme.NONE, Palette.NONE, 25, "Building Sets:40", "Dolls:25", "Puzzles:15",
                "Board Games:30", "Plush Toys:18");
        tree.section("Kids Shoes", SizeScheme.KIDS_SHOES, Palette.FASHION, 40, "Sneakers:40", "Boots:50",
                "Sandals:30");
        tree.department("Home", 1.0);
        tree.section("Furniture", SizeScheme.NONE, Palette.HOME, 250, "Sofas:900", "Chairs:150", "Tables:350",
                "Beds:600", "Shelves:180");
        tree.section("Bedding", SizeScheme.BED, Palette.HOME, 40, "Duvet Covers:50", "Pillows:25", "Sheets:35",
                "Blankets:45");
        tree.section("Kitchen", SizeScheme.NONE, Palette.HOME, 45, "Cookware:70", "Knives:45", "Tableware:35",
                "Glassware:25", "Small Appliances:80", "Coffee Makers:120");
        tree.section("Decor", SizeScheme.NONE, Palette.HOME, 30, "Lamps:60", "Rugs:120", "Vases:25", "Candles:12",
                "Mirrors:70", "Frames:15");
        tree.section("Bath", SizeScheme.NONE, Palette.HOME, 20, "Towels:20", "Bath Mats:18", "Shower Curtains:22");
        tree.department("Beauty", 0.8);
        tree.section("Skincare", SizeScheme.NONE, Palette.NONE, 22, "Cleansers:15", "Moisturisers:25", "Serums:35",
                "Sunscreen:18", "Face Masks:12");
        tree.section("Makeup", SizeScheme.NONE, Palette.SHADES, 18, "Lipstick:18", "Foundation:28", "Mascara:16",
                "Eyeshadow:22", "Nail Polish:9");
        tree.section("Fragrance", SizeScheme.VOLUME, Palette.NONE, 65, "Perfume:75", "Cologne:65", "Gift Sets:55");
        tree.section("Hair", SizeScheme.NONE, Palette.NONE, 15, "Shampoo:9", "Conditioner:9", "Styling:12",
                "Hair Tools:60");
        tree.department("Sports", 0.8);
        tree.section("Sportswear", SizeScheme.UNISEX_CLOTHING, Palette.SPORT, 35, "Running Tops:30",
                "Running Tights:40", "Training Tops:28", "Leggings:40", "Rain Jackets:120", "Cycling Jerseys:55");
        tree.section("Sports Shoes", SizeScheme.UNISEX_SHOES, Palette.SPORT, 110, "Running Shoes:110",
                "Trail Shoes:120", "Hiking Boots:140", "Football Boots:90");
        tree.section("Fitness", SizeScheme.NONE, Palette.SPORT, 30, "Yoga Mats:30", "Dumbbells:45",
                "Resistance Bands:18", "Kettlebells:40");
        tree.section("Outdoor", SizeScheme.NONE, Palette.SPORT, 90, "Tents:220", "Sleeping Bags:110",
                "Hiking Backpacks:90", "Camping Stoves:60");
        tree.section("Cycling", SizeScheme.NONE, Palette.SPORT, 60, "Bikes:750", "Helmets:70", "Bike Lights:30",
                "Bike Locks:35");
        tree.section("Team Sports", SizeScheme.NONE, Palette.SPORT, 30, "Footballs:30", "Basketballs:35",
                "Tennis Rackets:90");
        tree.department("Electronics", 0.9);
        tree.section("Audio", SizeScheme.NONE, Palette.TECH, 90, "Headphones:150", "Earbuds:90", "Speakers:120",
                "Soundbars:300");
        tree.section("Computing", SizeScheme.NONE, Palette.TECH, 120, "Laptops:900", "Monitors:250",
                "Keyboards:70", "Mice:35", "Tablets:450");
        tree.section("Phones", SizeScheme.NONE, Palette.TECH, 40, "Smartphones:600", "Phone Cases:20",
                "Chargers:25", "Smartwatches:250");
        tree.section("TV & Video", SizeScheme.NONE, Palette.TECH, 300, "Televisions:800",
                "Streaming Devices:50", "Projectors:500");
        tree.section("Cameras", SizeScheme.NONE, Palette.TECH, 300, "Cameras:700", "Lenses:450", "Tripods:60");
        tree.department("Accessories", 0.7);
        tree.section("Jewellery", SizeScheme.NONE, Palette.METAL, 60, "Necklaces:70", "Earrings:45",
                "Bracelets:55", "Rings:80");
        tree.section("Watches", SizeScheme.NONE, Palette.METAL, 150, "Analog Watches:180", "Digital Watches:90",
                "Watch Straps:25");
        tree.section("Eyewear", SizeScheme.NONE, Palette.FASHION, 80, "Sunglasses:90", "Reading Glasses:30");
        tree.section("Hats & Scarves", SizeScheme.ACCESSORY, Palette.FASHION, 25, "Hats:30", "Caps:22",
                "Scarves:30", "Gloves:25");
        tree.section("Travel", SizeScheme.NONE, Palette.FASHION, 90, "Suitcases:180", "Travel Bags:80",
                "Umbrellas:20");
        return tree;
    }

    List<String> departments() {
        return departments;
    }

    /** Relative traffic per department, by index. */
    double departmentWeight(int department) {
        return departmentWeights.get(department);
    }

    List<Section> sections() {
        return sections;
    }

    List<CategoryLeaf> leaves() {
        return leaves;
    }

    private void department(String name, double weight) {
        departments.add(name);
        departmentWeights.add(weight);
    }

    private void section(String name, SizeScheme sizes, Palette palette, double medianPrice, String... entries) {
        int department = departments.size() - 1;
        String departmentName = departments.get(department);
        String sectionPath = departmentName + " > " + name;
        List<Integer> sectionLeaves = new ArrayList<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            String leafName = colon < 0 ? entry : entry.substring(0, colon);
            double price = colon < 0 ? medianPrice : Double.parseDouble(entry.substring(colon + 1));
            int index = leaves.size();
            String page = "/c/" + slug(departmentName) + "/" + slug(name) + "/" + slug(leafName);
            leaves.add(new CategoryLeaf(index, department, sections.size(), leafName,
                    sectionPath + " > " + leafName, List.of(departmentName, sectionPath), sizes, palette, price, page));
            sectionLeaves.add(index);
        }
        sections.add(new Section(sections.size(), department, sectionPath, List.copyOf(sectionLeaves)));
    }

    static String slug(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("&", "and");
        return lower.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
