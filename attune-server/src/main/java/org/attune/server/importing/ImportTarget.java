package org.attune.server.importing;

import java.util.Locale;
import java.util.Set;

/**
 * What an import loads, with the API route it goes to and the batch limits of that route.
 */
public enum ImportTarget {
    /** Behavior, sent to {@code POST /v1/events}. */
    EVENTS(5_000, 10_000, 15L * 1024 * 1024, "eventId",
            Set.of("eventId", "type", "timestamp", "anonymousId", "userId", "catalog", "itemId", "itemIds",
                    "properties", "context")),
    /** Catalog products, sent to {@code PUT /v1/catalogs/{catalog}/products}. */
    PRODUCTS(20_000, 200_000, 200L * 1024 * 1024, "id", Set.of());

    private final int defaultBatch;
    private final int maxBatch;
    private final long maxBatchBytes;
    private final String idField;
    private final Set<String> topLevelFields;

    ImportTarget(int defaultBatch, int maxBatch, long maxBatchBytes, String idField, Set<String> topLevelFields) {
        this.defaultBatch = defaultBatch;
        this.maxBatch = maxBatch;
        this.maxBatchBytes = maxBatchBytes;
        this.idField = idField;
        this.topLevelFields = topLevelFields;
    }

    /** Records per request unless --batch says otherwise. */
    public int defaultBatch() {
        return defaultBatch;
    }

    /** Most records the route takes in one request. */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * Largest body the importer sends; below the route's limit (16 MiB for events, 256 MiB
     * for products) so that one more record never tips a request over it.
     */
    public long maxBatchBytes() {
        return maxBatchBytes;
    }

    /** The field that identifies a record: {@code eventId} or {@code id}. */
    public String idField() {
        return idField;
    }

    /**
     * The top-level fields a record may have; empty for products, whose fields are the
     * catalog's attributes.
     */
    public Set<String> topLevelFields() {
        return topLevelFields;
    }

    /** The name used on the command line and in mapping files. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The API path records of this kind are sent to. */
    public String apiPath(String catalog) {
        return this == EVENTS ? "/v1/events" : "/v1/catalogs/" + catalog + "/products";
    }

    /** The HTTP method of {@link #apiPath}. */
    public String httpMethod() {
        return this == EVENTS ? "POST" : "PUT";
    }
}
