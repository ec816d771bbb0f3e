package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks an import makes before it reads its file, so that a wrong address, key, catalog
 * or mapping fails at once instead of after the first batch: the server answers, the catalog
 * exists (or is created when asked to), and a product mapping names only the catalog's
 * attributes.
 */
final class CatalogCheck {
    private final AttuneClient client;
    private final String serverUrl;
    private final ImportListener listener;
    private final ImportSettings settings;

    CatalogCheck(AttuneClient client, String serverUrl, ImportListener listener, ImportSettings settings) {
        this.client = client;
        this.serverUrl = serverUrl;
        this.listener = listener;
        this.settings = settings;
    }

    /**
     * Checks the server and the catalog before reading the file: fails fast on a wrong URL,
     * key or catalog, and creates the catalog when asked to.
     *
     * @return the catalog's attribute names, or null when unknown (no catalog, or a key that may only send events)
     */
    Set<String> prepare() throws ImportFailedException {
        String catalog = settings.catalog();
        AttuneClient.Answer answer = call(catalog == null ? "/health"
                : "/v1/catalogs/" + BulkImporter.pathSegment(catalog));
        if (catalog == null) {
            return null;
        }
        switch (answer.status()) {
            case 200 -> {
                return attributeNames(answer.body());
            }
            case 404 -> {
                if (!settings.createCatalog()) {
                    throw new ImportFailedException("catalog '" + catalog + "' does not exist on " + serverUrl
                            + "; create it (POST /v1/catalogs) or add --create-catalog", null, null);
                }
                return createCatalog();
            }
            case 403 -> {
                if (settings.target() == ImportTarget.EVENTS && !settings.createCatalog()) {
                    return null;
                }
                throw new ImportFailedException("the key may not read or create catalogs (403); use an admin key",
                        null, null);
            }
            default -> throw new ImportFailedException("checking catalog '" + catalog + "' failed: "
                    + BulkImporter.refusal(answer), null, null);
        }
    }

    private Set<String> createCatalog() throws ImportFailedException {
        ObjectNode definition = settings.catalogDefinition().deepCopy();
        definition.put("id", settings.catalog());
        AttuneClient.Answer created;
        try {
            created = client.postJson("/v1/catalogs", definition);
        } catch (IOException e) {
            throw new ImportFailedException(BulkImporter.unreachable(serverUrl, e), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted", null, e);
        }
        if (created.status() == 201) {
            listener.note("created catalog '" + settings.catalog() + "' ("
                    + created.body().path("schema").path("attributes").size() + " attributes)");
            return attributeNames(created.body());
        }
        if (created.status() == 409) {
            return prepare();
        }
        throw new ImportFailedException("creating catalog '" + settings.catalog() + "' failed: "
                + BulkImporter.refusal(created), null, null);
    }

    private AttuneClient.Answer call(String path) throws ImportFailedException {
        try {
            AttuneClient.Answer answer = client.get(path);
            if (answer.status() == 401) {
                throw new ImportFailedException(BulkImporter.refusal(answer), null, null);
            }
            return answer;
        } catch (IOException e) {
            throw new ImportFailedException(BulkImporter.unreachable(serverUrl, e), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportFailedException("interrupted", null, e);
        }
    }

    private static Set<String> attributeNames(JsonNode catalog) {
        Set<String> names = new HashSet<>();
        catalog.path("schema").path("attributes").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }

    /** With the catalog's schema at hand, a mapping naming an unknown attribute fails before any row is read. */
    void checkAttributes(Set<String> attributes) {
        if (attributes == null || settings.target() != ImportTarget.PRODUCTS) {
            return;
        }
        List<String> unknown = settings.mapping().mapping().fields().stream().map(FieldRule::field)
                .filter(f -> !f.equals("id") && !attributes.contains(f)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new MappingException(settings.mapping().origin(), "field(s) " + unknown + " are not attributes of"
                    + " catalog '" + settings.catalog() + "' (its attributes: " + attributes.stream().sorted().toList()
                    + ")");
        }
    }
}
