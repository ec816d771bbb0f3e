/**
 * The embedded store: every {@link org.attune.core.storage.Storage} contract kept in one
 * DuckDB file, {@code DATA_DIR/attune.duckdb}. {@link org.attune.store.duckdb.DuckDbStorage}
 * opens it, runs the versioned schema {@code Migrations} and hands out the four stores,
 * which share one connection guarded by one lock (DuckDB admits one writer).
 *
 * <p>Bulk writes never go row by row through JDBC: products, removals, change records and
 * events are streamed with DuckDB's appender into temporary staging tables and merged into
 * the real tables with one statement, inside the same transaction as everything else the
 * batch changes. Event log frames are read straight from their encoded bytes, so JSON that
 * was logged is stored byte for byte.
 */
package org.attune.store.duckdb;
