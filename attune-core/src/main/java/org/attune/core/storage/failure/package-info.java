/**
 * What a store or the event log throws when it fails, shared by every store contract and
 * mapped to answers by the server: {@code StorageException} (nothing of the call was stored; may
 * be retried), {@code UnstorableDataException} (the data itself is refused, the same way every
 * time) and {@code StorageUnavailableException} (a request stored nothing because storage
 * failed). Depends on nothing, so that every package may use it.
 */
package org.attune.core.storage.failure;
