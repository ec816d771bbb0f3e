package org.attune.server.importing;

/**
 * A cell's text cannot be read as its field's conversion asks; the row is then reported
 * as rejected with its line number, and the import goes on.
 */
public final class UnconvertibleValueException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnconvertibleValueException(String message) {
        // Thrown once per bad cell of possibly millions of rows: a stack trace would only cost time.
        super(message, null, false, false);
    }
}
