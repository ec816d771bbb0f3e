/**
 * The embedded store: every {@link org.attune.core.storage.Storage} contract kept in one
 * DuckDB file, {@code DATA_DIR/attune.duckdb}. {@link org.attune.store.duckdb.DuckDbStorage}
 * opens it, runs the versioned schema {@code Migrations} and hands out the four stores,
 * which share one connection guarded by one lock (DuckDB admits one writer).
 *
 * <p>Bulk writes never go row by row through JDBC. Products, removals and change records
 * are streamed with DuckDB's appender into temporary staging tables and merged with one
 * statement per table. Events are loaded with one {@code read_json} insert from a file
 * that {@code EventLoadFile} writes from the event log's frames with as little byte work
 * as possible. Each batch is one transaction together with everything it changes; for
 * events that includes the load position, which makes loading exactly-once.
 *
 * <p>How the load paths were chosen, measured on the project's 2-core machine while other
 * builds shared it (rates moved with their load, so both a quieter and a contended range
 * are given), with loads of 200,000 typical events (type, time, anonymous id, catalog, one
 * item id, two properties; about 131 bytes per log line) and writes of 100,000 products
 * plus 100,000 change records:
 * <ul>
 *   <li>events through {@code read_json} from the rewritten frames (used): 420,000 to
 *       560,000 events/s quieter, 230,000 to 290,000 with one core taken by other work;</li>
 *   <li>events through the appender into a staging table plus {@code INSERT ... SELECT}:
 *       300,000 to 420,000 events/s quieter, 140,000 to 155,000 contended, for about 1.5 to
 *       1.8 times the CPU;</li>
 *   <li>events through {@code read_json} reading properties and context as JSON values:
 *       600,000 to 775,000 events/s, but DuckDB re-serialises what it parses
 *       ({@code 12.50} becomes {@code 12.5}), so stored events would differ from logged ones;</li>
 *   <li>products through the appender and a delete-then-insert merge (used): 55,000 to
 *       230,000 products/s; {@code INSERT OR REPLACE} on a primary key fell from about
 *       200,000 to under 10,000 products/s within five rewrites of the same products.</li>
 * </ul>
 */
package org.attune.store.duckdb;
