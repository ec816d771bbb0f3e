package org.attune.core.validation;

/** The request clashes with existing state, e.g. a catalog id already taken. */
public final class ConflictException extends RuntimeException {
    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
