package org.attune.core.storage.failure;

/**
 * A store refused the data itself (a value out of the store's range, text it cannot
 * convert), as opposed to failing for a reason of its own (disk, locks): the same data fails
 * the same way every time, while a part of it without the bad record may well succeed.
 * Nothing of the failed call was stored.
 */
public class UnstorableDataException extends StorageException {
    public UnstorableDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
