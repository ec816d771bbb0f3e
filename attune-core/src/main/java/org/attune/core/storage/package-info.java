/**
 * The stores of one installation as a whole: {@link org.attune.core.storage.Storage} offers one of
 * each store contract, and each contract lives beside the service that uses it
 * ({@code catalog.CatalogStore}, {@code catalog.ProductStore}, {@code ingest.EventStore},
 * {@code model.ModelStore}, {@code model.ModelVersionStore},
 * {@code personalization.PersonalizationStore}, {@code decisioning.DecisioningStore},
 * {@code security.ApiKeyStore}, {@code security.AccountStore}), so that this package sits above
 * them all and none of them imports it. Every store offers batch writes, cursor paging and
 * streaming scans; one contract test suite ({@code StorageContract} in the test sources) runs
 * against each implementation. Implementations are thread-safe. What a failing store throws is
 * in {@code storage.failure}, below everything.
 */
package org.attune.core.storage;
