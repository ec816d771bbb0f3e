/**
 * Catalogs, their typed schemas, products and the record of every product change (from which churn
 * is computed). {@link org.attune.core.catalog.CatalogService} keeps the live products in memory
 * so that request paths never touch the disk. Their store contracts, {@code CatalogStore} and
 * {@code ProductStore}, live here beside the service that uses them.
 */
package org.attune.core.catalog;
