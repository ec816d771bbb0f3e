package org.attune.core.validation;

import java.util.List;

/** The request clashes with existing state, e.g. a catalog id already taken. */
public final class ConflictException extends RuntimeException {
    private final String code;
    private final List<String> reasons;

    public ConflictException(String code, String message) {
        this(code, message, List.of());
    }

    /** @param reasons each thing that blocks the request, in words (the error's details) */
    public ConflictException(String code, String message, List<String> reasons) {
        super(message);
        this.code = code;
        this.reasons = List.copyOf(reasons);
    }

    public String code() {
        return code;
    }

    /** What blocks the request, one sentence each; empty when the message says it all. */
    public List<String> reasons() {
        return reasons;
    }
}
