package org.attune.core.catalog;

import java.util.List;
import java.util.Optional;

/** Catalog definitions. */
public interface CatalogStore {
    /** @throws org.attune.core.validation.ConflictException when the id is taken */
    void create(Catalog catalog);

    Optional<Catalog> find(String id);

    /** All catalogs, ordered by id. */
    List<Catalog> list();
}
