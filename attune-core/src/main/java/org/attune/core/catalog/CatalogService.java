package org.attune.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.json.JsonRecordReader;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.RecordRejection;

/**
 * Catalogs and their live products. Every write goes to the store first and then to the
 * in-memory copy, so reads on request paths ({@link #product}, {@link #exists}) never
 * touch the disk. Writes to one catalog are serialised; reads are lock-free.
 */
public final class CatalogService {
    /** Most products accepted in one bulk upsert request. */
    public static final int MAX_PRODUCTS_PER_REQUEST = 200_000;
    /** Most products returned by one page. */
    public static final int MAX_PAGE_SIZE = 1_000;

    private final CatalogStore catalogs;
    private final ProductStore products;
    private final Clock clock;
    private final CatalogDefinitionReader definitionReader = new CatalogDefinitionReader();
    private final JsonRecordReader recordReader = new JsonRecordReader();
    private final Map<String, LiveCatalog> live = new ConcurrentHashMap<>();

    private static final class LiveCatalog implements LiveProducts {
        final Catalog catalog;
        final ProductValidator validator;
        final Map<String, Product> products = new ConcurrentHashMap<>();
        /** Bumped after every change to the products, so that derived indexes know to rebuild. */
        volatile long revision;

        LiveCatalog(Catalog catalog) {
            this.catalog = catalog;
            this.validator = new ProductValidator(catalog.schema());
        }

        @Override
        public Product get(String productId) {
            return products.get(productId);
        }

        @Override
        public long revision() {
            return revision;
        }
    }

    /**
     * What a bulk upsert did.
     *
     * @param received records in the request
     * @param added products that were new (or had been removed)
     * @param changed products whose attributes changed
     * @param unchanged products sent again with identical attributes (nothing written)
     * @param rejected records refused, with reasons
     */
    public record UpsertResult(int received, int added, int changed, int unchanged, List<RecordRejection> rejected) {
    }

    public CatalogService(CatalogStore catalogs, ProductStore products, Clock clock) {
        this.catalogs = catalogs;
        this.products = products;
        this.clock = clock;
        for (Catalog catalog : catalogs.list()) {
            LiveCatalog state = new LiveCatalog(catalog);
            products.scan(catalog.id(), p -> state.products.put(p.id(), p));
            live.put(catalog.id(), state);
        }
    }

    public Catalog create(JsonNode definition) {
        Catalog catalog = definitionReader.read(definition, clock.instant());
        synchronized (live) {
            if (live.containsKey(catalog.id())) {
                throw new ConflictException("catalog_exists", "A catalog with id '" + catalog.id() + "' already exists");
            }
            catalogs.create(catalog);
            live.put(catalog.id(), new LiveCatalog(catalog));
        }
        return catalog;
    }

    public boolean exists(String catalogId) {
        return live.containsKey(catalogId);
    }

    public Catalog catalog(String catalogId) {
        return state(catalogId).catalog;
    }

    /**
     * The name of the catalog's attribute with role category, for filtering by category.
     *
     * @throws InvalidInputException when the catalog has none
     */
    public String categoryAttribute(String catalogId) {
        return catalog(catalogId).schema().withRole(AttributeRole.CATEGORY).map(AttributeDefinition::name)
                .orElseThrow(() -> new InvalidInputException("no_category_attribute", "Catalog '" + catalogId
                        + "' has no attribute with role category, so it cannot be filtered by category",
                        List.of(new org.attune.core.validation.Problem("category", "no_category_attribute",
                                "the catalog has no category"))));
    }

    public List<Catalog> list() {
        return live.values().stream().map(s -> s.catalog)
                .sorted(java.util.Comparator.comparing(Catalog::id)).toList();
    }

    /** The live product from memory, empty when unknown or removed. */
    public Optional<Product> product(String catalogId, String productId) {
        return Optional.ofNullable(state(catalogId).products.get(productId));
    }

    /** Live products of a catalog (a read-only view, changes as products are written). */
    public Collection<Product> products(String catalogId) {
        return java.util.Collections.unmodifiableCollection(state(catalogId).products.values());
    }

    /** Products ordered by id after {@code cursor}, from the store. */
    public List<Product> page(String catalogId, String cursor, int limit) {
        state(catalogId);
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidInputException("invalid_limit", "limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        return products.page(catalogId, cursor, limit);
    }

    /** Upserts a JSON array or NDJSON of products; valid records are stored even when others are rejected. */
    public UpsertResult upsert(String catalogId, byte[] body, int length) {
        LiveCatalog state = state(catalogId);
        List<JsonRecordReader.RawRecord> records = recordReader.read(body, length, MAX_PRODUCTS_PER_REQUEST);
        Instant now = clock.instant();
        // Records are independent, so large requests are validated on all cores.
        ProductValidator.Outcome[] outcomes = new ProductValidator.Outcome[records.size()];
        java.util.stream.IntStream indexes = java.util.stream.IntStream.range(0, records.size());
        (records.size() >= 1_000 ? indexes.parallel() : indexes).forEach(i -> {
            JsonNode json = records.get(i).json();
            outcomes[i] = json == null ? null : state.validator.validate(json, now);
        });
        Map<String, Product> valid = new LinkedHashMap<>();
        List<RecordRejection> rejected = new ArrayList<>(0);
        for (int i = 0; i < outcomes.length; i++) {
            JsonRecordReader.RawRecord record = records.get(i);
            ProductValidator.Outcome outcome = outcomes[i];
            if (outcome == null) {
                rejected.add(new RecordRejection(record.index(), null, List.of(record.problem())));
            } else if (outcome.valid()) {
                valid.put(outcome.product().id(), outcome.product());
            } else {
                JsonNode id = record.json().get("id");
                rejected.add(new RecordRejection(record.index(), id != null && id.isValueNode() ? id.asText() : null,
                        outcome.problems()));
            }
        }
        synchronized (state) {
            List<Product> writes = new ArrayList<>();
            List<ProductChange> changes = new ArrayList<>();
            int added = 0;
            int changed = 0;
            for (Product product : valid.values()) {
                Product before = state.products.get(product.id());
                if (before == null) {
                    added++;
                    writes.add(product);
                    changes.add(new ProductChange(product.id(), ProductChange.Kind.ADDED, now));
                } else if (!before.attributes().equals(product.attributes())) {
                    changed++;
                    writes.add(product);
                    changes.add(new ProductChange(product.id(), ProductChange.Kind.CHANGED, now));
                }
            }
            if (!writes.isEmpty()) {
                products.write(catalogId, writes, List.of(), changes);
                writes.forEach(p -> state.products.put(p.id(), p));
                state.revision++;
            }
            return new UpsertResult(records.size(), added, changed, valid.size() - added - changed, rejected);
        }
    }

    /** Applies a merge patch to one product. */
    public Product patch(String catalogId, String productId, JsonNode patch) {
        LiveCatalog state = state(catalogId);
        synchronized (state) {
            Product existing = state.products.get(productId);
            if (existing == null) {
                throw productNotFound(catalogId, productId);
            }
            ProductValidator.Outcome outcome = state.validator.patch(existing, patch, clock.instant());
            if (!outcome.valid()) {
                throw new InvalidInputException("invalid_product", "The patch has " + outcome.problems().size()
                        + " problem(s)", outcome.problems());
            }
            Product updated = outcome.product();
            if (!updated.attributes().equals(existing.attributes())) {
                products.write(catalogId, List.of(updated), List.of(),
                        List.of(new ProductChange(productId, ProductChange.Kind.CHANGED, updated.updatedAt())));
                state.products.put(productId, updated);
                state.revision++;
                return updated;
            }
            return existing;
        }
    }

    public void delete(String catalogId, String productId) {
        LiveCatalog state = state(catalogId);
        synchronized (state) {
            if (!state.products.containsKey(productId)) {
                throw productNotFound(catalogId, productId);
            }
            Instant now = clock.instant();
            products.write(catalogId, List.of(), List.of(productId),
                    List.of(new ProductChange(productId, ProductChange.Kind.REMOVED, now)));
            state.products.remove(productId);
            state.revision++;
        }
    }

    /** The live products of a catalog, to read many without looking the catalog up each time. */
    public LiveProducts liveProducts(String catalogId) {
        return state(catalogId);
    }

    /**
     * A number that changes whenever the catalog's products change (added, changed or
     * removed), for caches derived from them.
     */
    public long revision(String catalogId) {
        return state(catalogId).revision;
    }

    /** Product counts and churn over the last {@code windowDays} days. */
    public CatalogStats stats(String catalogId, int windowDays) {
        LiveCatalog state = state(catalogId);
        if (windowDays < 1 || windowDays > 3650) {
            throw new InvalidInputException("invalid_window", "days must be between 1 and 3650");
        }
        Instant since = clock.instant().minus(Duration.ofDays(windowDays));
        ProductStore.ChangeCounts counts = products.changesSince(catalogId, since);
        long live = state.products.size();
        long available = state.products.values().stream().filter(Product::available).count();
        long atStart = live - counts.added() + counts.removed();
        // A catalog empty at the window start has no size to compare with; use what it held within the window.
        long base = atStart > 0 ? atStart : Math.max(1, live + counts.removed());
        double churn = (double) (counts.added() + counts.removed()) / base;
        return new CatalogStats(catalogId, live, available, windowDays, since, counts.added(), counts.changed(),
                counts.removed(), churn);
    }

    private LiveCatalog state(String catalogId) {
        LiveCatalog state = live.get(catalogId);
        if (state == null) {
            throw new NotFoundException("catalog_not_found", "No catalog with id '" + catalogId + "'");
        }
        return state;
    }

    private static NotFoundException productNotFound(String catalogId, String productId) {
        return new NotFoundException("product_not_found",
                "No product '" + productId + "' in catalog '" + catalogId + "'");
    }
}
