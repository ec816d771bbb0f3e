package org.attune.store.duckdb;

/**
 * DuckDB refused or failed an operation; nothing of the failed operation was stored. The
 * cause carries DuckDB's own message.
 */
public final class DuckDbStorageException extends org.attune.core.storage.failure.StorageException {
    public DuckDbStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
