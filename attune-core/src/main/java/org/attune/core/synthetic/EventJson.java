package org.attune.core.synthetic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Renders simulated actions as events in the shape {@code POST /v1/events} accepts.
 * Not thread-safe: one instance per run of events, rendered in time order.
 */
final class EventJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String catalogId;
    private final SyntheticCatalog catalog;
    private final TimestampText timestamps = new TimestampText();

    EventJson(String catalogId, SyntheticCatalog catalog) {
        this.catalogId = catalogId;
        this.catalog = catalog;
    }

    /**
     * Who acts and where, fixed for a session once any login has happened.
     *
     * @param device the device the session runs on
     * @param userId the account id when logged in on this device, else null
     */
    record Visit(ShopperDevice device, String userId) {
    }

    /** A login: the event that ties the device's anonymous id to the account's user id. */
    ObjectNode identify(String eventId, long time, Visit visit) {
        ObjectNode event = start(eventId, "identify", time, visit, false);
        event.putObject("properties").put("method", "login");
        context(event, visit, "/login", null);
        return event;
    }

    ObjectNode view(String eventId, long time, Visit visit, SyntheticProduct product, String referrer) {
        ObjectNode event = start(eventId, "view", time, visit, true);
        event.put("itemId", product.id());
        event.putObject("properties").put("price", SyntheticCatalog.euros(product.priceCents()));
        context(event, visit, catalog.productPage(product), referrer);
        return event;
    }

    /**
     * A click on a product in a list: search results, a carousel on the home or product page.
     *
     * @param recId the answer the list showed, when a recommendation placement showed it; else null
     */
    ObjectNode click(String eventId, long time, Visit visit, SyntheticProduct product, String page, String list,
                     int position, String recId) {
        ObjectNode event = start(eventId, "click", time, visit, true);
        event.put("itemId", product.id());
        ObjectNode properties = event.putObject("properties");
        properties.put("list", list);
        properties.put("position", position);
        ObjectNode context = context(event, visit, page, null);
        if (recId != null) {
            context.put("recId", recId);
        }
        return event;
    }

    /** A recommendation placement scrolled into view: the products really seen, and the answer they came from. */
    ObjectNode impression(String eventId, long time, Visit visit, List<String> productIds, String page, String list,
                          String recId) {
        ObjectNode event = start(eventId, "impression", time, visit, true);
        ArrayNode itemIds = event.putArray("itemIds");
        productIds.forEach(itemIds::add);
        event.putObject("properties").put("list", list);
        context(event, visit, page, null).put("recId", recId);
        return event;
    }

    ObjectNode addToCart(String eventId, long time, Visit visit, SyntheticProduct product, int quantity) {
        ObjectNode event = start(eventId, "add_to_cart", time, visit, true);
        event.put("itemId", product.id());
        ObjectNode properties = event.putObject("properties");
        properties.put("price", SyntheticCatalog.euros(product.priceCents()));
        properties.put("quantity", quantity);
        context(event, visit, catalog.productPage(product), null);
        return event;
    }

    ObjectNode removeFromCart(String eventId, long time, Visit visit, SyntheticProduct product, int quantity) {
        ObjectNode event = start(eventId, "remove_from_cart", time, visit, true);
        event.put("itemId", product.id());
        event.putObject("properties").put("quantity", quantity);
        context(event, visit, "/cart", null);
        return event;
    }

    ObjectNode search(String eventId, long time, Visit visit, String query, int results, String page,
                      String referrer) {
        ObjectNode event = start(eventId, "search", time, visit, true);
        ObjectNode properties = event.putObject("properties");
        properties.put("query", query);
        properties.put("results", results);
        context(event, visit, page, referrer);
        return event;
    }

    ObjectNode purchase(String eventId, long time, Visit visit, String orderId, List<CartLine> lines) {
        ObjectNode event = start(eventId, "purchase", time, visit, true);
        ArrayNode itemIds = event.putArray("itemIds");
        ObjectNode properties = NODES.objectNode();
        properties.put("orderId", orderId);
        long revenueCents = 0;
        ArrayNode items = NODES.arrayNode();
        for (CartLine line : lines) {
            SyntheticProduct product = catalog.product(line.product());
            itemIds.add(product.id());
            ObjectNode item = items.addObject();
            item.put("id", product.id());
            item.put("quantity", line.quantity());
            item.put("price", SyntheticCatalog.euros(product.priceCents()));
            revenueCents += product.priceCents() * line.quantity();
        }
        properties.put("revenue", SyntheticCatalog.euros(revenueCents));
        properties.put("currency", "EUR");
        properties.set("items", items);
        event.set("properties", properties);
        context(event, visit, "/checkout/confirmation", null);
        return event;
    }

    private ObjectNode start(String eventId, String type, long time, Visit visit, boolean inCatalog) {
        ObjectNode event = NODES.objectNode();
        event.put("eventId", eventId);
        event.put("type", type);
        event.put("timestamp", timestamps.format(time));
        event.put("anonymousId", visit.device().anonymousId());
        if (visit.userId() != null) {
            event.put("userId", visit.userId());
        }
        if (inCatalog) {
            event.put("catalog", catalogId);
        }
        return event;
    }

    private static ObjectNode context(ObjectNode event, Visit visit, String page, String referrer) {
        ObjectNode context = event.putObject("context");
        context.put("surface", visit.device().surface());
        context.put("page", page);
        context.put("device", visit.device().type());
        if (referrer != null) {
            context.put("referrer", referrer);
        }
        return context;
    }
}
