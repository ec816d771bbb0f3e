package org.attune.core.storage;

import org.attune.core.catalog.CatalogStore;
import org.attune.core.catalog.ProductStore;
import org.attune.core.decisioning.DecisioningStore;
import org.attune.core.ingest.EventStore;
import org.attune.core.model.ModelStore;
import org.attune.core.model.ModelVersionStore;
import org.attune.core.personalization.PersonalizationStore;
import org.attune.core.security.AccountStore;
import org.attune.core.security.ApiKeyStore;

/** All stores of one installation, opened together and closed together. */
public interface Storage extends AutoCloseable {
    CatalogStore catalogs();

    ProductStore products();

    EventStore events();

    ApiKeyStore apiKeys();

    AccountStore accounts();

    ModelStore models();

    ModelVersionStore modelVersions();

    PersonalizationStore personalization();

    DecisioningStore decisioning();

    /** Short name for logs and /health, e.g. {@code duckdb} or {@code memory}. */
    String kind();

    @Override
    void close();
}
