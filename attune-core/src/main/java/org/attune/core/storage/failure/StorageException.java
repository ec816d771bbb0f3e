package org.attune.core.storage.failure;

/** A store could not do what was asked; nothing of that call was stored. Callers may retry. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
