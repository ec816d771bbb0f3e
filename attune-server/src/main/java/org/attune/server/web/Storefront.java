package org.attune.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.Product;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * The demo's storefront at {@code /shop/}: plain HTML pages of a catalog (home, a category, a
 * product, the cart, the checkout) that use the tag as a shop would. The pages say which
 * placements go where ({@code data-attune-placement}); the tag fills them, tracks the views,
 * impressions, clicks, carts and orders, and re-ranks category listings. The cart lives in the
 * browser. Closed (404) until {@link #open} names the catalog and the browser key, which
 * {@code attune demo} does once it listens; an operator's server never serves it.
 */
public final class Storefront {
    /** Products listed on a category page. */
    static final int LISTED = 48;
    private static final String HTML = "text/html; charset=utf-8";
    /**
     * How the tag renders a recommended product on these pages (its {@code {{name}}} stand for
     * the item's attributes, HTML-escaped): as the page's own cards, linking to this storefront
     * rather than to the catalog's made-up product addresses.
     */
    static final String ITEM_TEMPLATE = "<li class=\"card\"><a href=\"/shop/p/{{id}}\"><span class=\"tile\">{{brand}}"
            + "</span><span class=\"name\">{{title}}</span></a><span class=\"price\">€{{price}}</span></li>";

    private final CatalogService catalogs;
    private final Handlebars handlebars = new Handlebars(new ClassPathTemplateLoader("/storefront", ".hbs"));
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();
    private volatile Opened opened;
    private volatile Shelves shelves;

    private record Opened(String catalog, String browserKey) {
    }

    /** The catalog's top categories and their products, as of one revision of the catalog. */
    private record Shelves(long revision, Map<String, List<Product>> byCategory, List<Product> popular) {
    }

    public Storefront(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    /** Serves the catalog's pages with this browser key (for the server's own origin) in the tag's snippet. */
    public void open(String catalog, String browserKey) {
        opened = new Opened(catalog, browserKey);
    }

    public List<ApiRoute> routes() {
        return List.of(
                page("/shop/", "The storefront's home: recommended for you, the categories", this::home),
                page("/shop/c/{category}", "A category's products, re-ranked for the shopper", this::category)
                        .pathParam("category", "A top category, as the home page links it"),
                page("/shop/p/{id}", "A product, with what others also viewed or bought", this::product)
                        .pathParam("id", "Product id"),
                page("/shop/cart", "The cart (kept in the browser)", ctx -> render(ctx, "cart", base("Cart"))),
                page("/shop/checkout", "The checkout: placing the order sends a purchase",
                        ctx -> render(ctx, "checkout", base("Checkout"))),
                ApiRoute.get("/shop/assets/{name}").access(Access.PUBLIC).tag("Storefront")
                        .summary("The storefront's script and style: shop.js, shop.css")
                        .pathParam("name", "The file")
                        .textResponse(200, "The file", "text/javascript")
                        .textResponse(404, "No such file", "text/plain")
                        .handle(this::asset));
    }

    private ApiRoute page(String path, String summary, io.javalin.http.Handler handler) {
        return ApiRoute.get(path).access(Access.PUBLIC).tag("Storefront")
                .summary("Demo storefront: " + summary)
                .description("Served only by `attune demo` (404 otherwise); plain HTML with the web tag.")
                .textResponse(200, "The page", "text/html")
                .textResponse(404, "No storefront on this server, or no such product or category", "text/html")
                .handle(ctx -> {
                    if (opened == null) {
                        ctx.status(404).contentType(HTML).result("<!doctype html><title>No storefront</title><p>The"
                                + " storefront is part of <code>attune demo</code>; this server has none.</p>");
                        return;
                    }
                    handler.handle(ctx);
                });
    }

    private void home(Context ctx) {
        Shelves shelves = shelves();
        Map<String, Object> model = base("Home");
        model.put("popular", shelves.popular().stream().map(this::card).toList());
        List<Map<String, Object>> categories = new ArrayList<>();
        shelves.byCategory().forEach((name, products) -> categories.add(Map.of("name", name,
                "path", categoryPath(name), "count", String.format(Locale.ENGLISH, "%,d", products.size()))));
        model.put("categories", categories);
        render(ctx, "home", model);
    }

    private void category(Context ctx) {
        String name = ctx.pathParam("category");
        List<Product> products = shelves().byCategory().get(name);
        if (products == null) {
            notFound(ctx, "There is no category '" + name + "' in this shop.");
            return;
        }
        Map<String, Object> model = base(name);
        model.put("category", name);
        model.put("products", products.stream().limit(LISTED).map(this::card).toList());
        model.put("total", String.format(Locale.ENGLISH, "%,d", products.size()));
        render(ctx, "category", model);
    }

    private void product(Context ctx) {
        Product product = catalogs.product(opened.catalog(), ctx.pathParam("id")).orElse(null);
        if (product == null) {
            notFound(ctx, "There is no such product in this shop.");
            return;
        }
        JsonNode a = product.attributes();
        Map<String, Object> model = base(a.path("title").asText(product.id()));
        model.put("product", card(product));
        List<Map<String, String>> details = new ArrayList<>();
        for (String field : List.of("brand", "color", "size", "category", "rating")) {
            if (a.hasNonNull(field)) {
                details.add(Map.of("name", field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1),
                        "value", a.get(field).asText()));
            }
        }
        model.put("details", details);
        model.put("available", product.available());
        render(ctx, "product", model);
    }

    private static String categoryPath(String name) {
        return "/shop/c/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void notFound(Context ctx, String message) {
        Map<String, Object> model = base("Not found");
        model.put("message", message);
        ctx.status(404);
        render(ctx, "missing", model);
    }

    private Map<String, Object> base(String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("catalog", opened.catalog());
        model.put("key", opened.browserKey());
        model.put("top", shelves().byCategory().keySet().stream().limit(8)
                .map(name -> Map.of("name", name, "path", categoryPath(name))).toList());
        model.put("itemTemplate", ITEM_TEMPLATE);
        return model;
    }

    /** What a page shows of a product: id, title, brand, price as money, a tile's colour from the brand. */
    private Map<String, Object> card(Product product) {
        JsonNode a = product.attributes();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("id", product.id());
        card.put("title", a.path("title").asText(product.id()));
        card.put("brand", a.path("brand").asText(""));
        card.put("price", a.path("price").isNumber() ? String.format(Locale.ENGLISH, "%.2f",
                a.path("price").asDouble()) : "");
        card.put("hue", Math.floorMod(a.path("brand").asText(product.id()).hashCode(), 360));
        card.put("available", product.available());
        return card;
    }

    /**
     * The top categories (the first of each product's {@code categories}, else its {@code
     * category}) with their available products, cheapest first, and the first products of each
     * category in turn for the home page's own row (what it shows where Attune cannot answer);
     * worked out again when the catalog changes.
     */
    private Shelves shelves() {
        String catalog = opened.catalog();
        long revision = catalogs.revision(catalog);
        Shelves current = shelves;
        if (current != null && current.revision() == revision) {
            return current;
        }
        Map<String, List<Product>> byCategory = new TreeMap<>();
        for (Product product : catalogs.products(catalog)) {
            if (!product.available()) {
                continue;
            }
            JsonNode a = product.attributes();
            String top = a.path("categories").isArray() && !a.path("categories").isEmpty()
                    ? a.path("categories").get(0).asText() : a.path("category").asText("");
            if (!top.isEmpty()) {
                byCategory.computeIfAbsent(top, c -> new ArrayList<>()).add(product);
            }
        }
        Comparator<Product> cheapest = Comparator.comparingDouble(p -> p.attributes().path("price").asDouble());
        byCategory.values().forEach(list -> list.sort(cheapest.thenComparing(Product::id)));
        List<Product> popular = new ArrayList<>();
        for (int i = 0; popular.size() < 8 && i < 8; i++) {
            for (List<Product> products : byCategory.values()) {
                if (i < products.size() && popular.size() < 8) {
                    popular.add(products.get(i));
                }
            }
        }
        Shelves fresh = new Shelves(revision, byCategory, popular);
        shelves = fresh;
        return fresh;
    }

    private void render(Context ctx, String template, Map<String, Object> model) {
        try {
            Template compiledTemplate = compiled.computeIfAbsent(template, name -> {
                try {
                    return handlebars.compile(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ctx.header("Cache-Control", "no-store");
            ctx.contentType(HTML).result(compiledTemplate.apply(model));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("name");
        String type = switch (name) {
            case "shop.js" -> "text/javascript; charset=utf-8";
            case "shop.css" -> "text/css; charset=utf-8";
            default -> null;
        };
        InputStream in = type == null ? null : Storefront.class.getResourceAsStream("/storefront/" + name);
        if (in == null) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("No such file");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(type).result(in);
    }
}
