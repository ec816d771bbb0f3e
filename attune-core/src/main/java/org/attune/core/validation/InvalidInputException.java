package org.attune.core.validation;

import java.util.List;

/** Input was refused; {@link #problems()} lists every reason found, not just the first. */
public final class InvalidInputException extends RuntimeException {
    private final String code;
    private final List<Problem> problems;

    public InvalidInputException(String code, String message, List<Problem> problems) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String code, String message) {
        this(code, message, List.of());
    }

    public String code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }
}
