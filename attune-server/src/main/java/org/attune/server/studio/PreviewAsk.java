package org.attune.server.studio;

import java.util.StringJoiner;

/**
 * What a preview is asked for, as its form gives it: a placement (strategy editor), a page
 * and its products (rule editor), a person or typed events; each empty when not given.
 */
record PreviewAsk(String placement, String page, String products, String person, String events) {
    /**
     * Longest query a preview keeps in the page's address. The server takes 8 KiB of request
     * line and headers, and htmx repeats the address in its HX-Current-URL header; a longer
     * list of products is left out of the address (the panel says so).
     */
    static final int ADDRESS_LIMIT = 2_000;

    static PreviewAsk of(String placement, String page, String products, String person, String events) {
        return new PreviewAsk(orEmpty(placement), orEmpty(page), orEmpty(products), orEmpty(person),
                orEmpty(events));
    }

    /** The ask as the query of the editor's address, without the products when they make it too long. */
    String query() {
        return productsInAddress() ? query(true) : query(false);
    }

    boolean productsInAddress() {
        return query(true).length() <= ADDRESS_LIMIT;
    }

    private String query(boolean withProducts) {
        StringJoiner query = new StringJoiner("&");
        String[][] params = {{"placement", placement}, {"page", page}, {"products", withProducts ? products : ""},
                {"person", person}, {"events", events}};
        for (String[] param : params) {
            if (!param[1].isEmpty()) {
                query.add(param[0] + "=" + Studio.encode(param[1]));
            }
        }
        return query.toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
