package org.attune.core.storage;

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
