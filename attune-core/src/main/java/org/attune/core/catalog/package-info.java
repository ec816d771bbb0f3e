/**
 * Catalogs, their typed schemas, products and the record of every product change
 * (from which churn is computed). {@link org.attune.core.catalog.CatalogService} keeps
 * the live products in memory so that request paths never touch the disk.
 */
package org.attune.core.catalog;
