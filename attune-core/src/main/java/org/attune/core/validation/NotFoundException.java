package org.attune.core.validation;

/** The named thing (catalog, product, key) does not exist. */
public final class NotFoundException extends RuntimeException {
    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
