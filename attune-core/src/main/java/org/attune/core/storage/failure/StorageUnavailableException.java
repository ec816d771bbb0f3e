package org.attune.core.storage.failure;

/** Nothing of the request was stored because storage failed; the client should retry. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
