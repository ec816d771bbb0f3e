package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one import does: what it loads, into which catalog, from which format, how rows are
 * mapped and how many records go into one request.
 *
 * @param target events or products
 * @param catalog the catalog id; required for products, optional for events (filled into
 *     events that name none)
 * @param format how the file is written
 * @param mapping the column mapping for CSV, null for NDJSON
 * @param batchSize records per request, 1 to the route's maximum
 * @param createCatalog create the catalog from {@code catalogDefinition} when it does not exist
 * @param catalogDefinition the definition used by {@code createCatalog} (its id is replaced by
 *     {@code catalog}); may be null
 * @param sourceName the file name, for reports
 */
public record ImportSettings(ImportTarget target, String catalog, Format format, ResolvedMapping mapping,
                             int batchSize, boolean createCatalog, JsonNode catalogDefinition, String sourceName) {

    /** How the imported file is written. */
    public enum Format {
        /** One JSON object per line, sent as it is. */
        NDJSON,
        /** Delimited text turned into records by a column mapping. */
        CSV
    }

    /**
     * @throws IllegalArgumentException when the combination cannot work, with a message for the user
     */
    public ImportSettings {
        if (target == ImportTarget.PRODUCTS && (catalog == null || catalog.isEmpty())) {
            throw new IllegalArgumentException("importing products needs --catalog");
        }
        if (format == Format.CSV && mapping == null) {
            throw new IllegalArgumentException("CSV needs a column mapping: --mapping FILE or --preset NAME"
                    + " (the presets are " + ImportPresets.NAMES + ")");
        }
        if (format == Format.NDJSON && mapping != null) {
            throw new IllegalArgumentException("a column mapping applies to CSV only; NDJSON records are sent as"
                    + " they are (use --format csv)");
        }
        if (batchSize < 1 || batchSize > target.maxBatch()) {
            throw new IllegalArgumentException("--batch must be between 1 and " + target.maxBatch() + " for "
                    + target.jsonName() + ", got " + batchSize);
        }
        if (createCatalog && catalog == null) {
            throw new IllegalArgumentException("--create-catalog needs --catalog");
        }
        if (createCatalog && catalogDefinition == null) {
            throw new IllegalArgumentException("--create-catalog needs a catalog definition: from the preset, the"
                    + " mapping's \"catalogDefinition\", or --catalog-definition FILE");
        }
    }
}
