package org.attune.server.importing;

/**
 * An import that could not go on: the server is unreachable or refused the key, the catalog
 * is missing, or the file is unreadable. Carries what was done before the failure; every
 * batch the server acknowledged before it is stored.
 */
public final class ImportFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ImportReport partial;

    public ImportFailedException(String message, ImportReport partial, Throwable cause) {
        super(message, cause);
        this.partial = partial;
    }

    /** What was read, stored and rejected before the failure; null when it failed before reading. */
    public ImportReport partial() {
        return partial;
    }
}
