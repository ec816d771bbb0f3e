package org.attune.server.importing;

import java.util.List;

/**
 * A column mapping (or preset) that cannot be used: unreadable, inconsistent, or naming
 * columns the file does not have. Raised before anything is sent, with every problem found.
 */
public final class MappingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public MappingException(String origin, List<String> problems) {
        super(origin + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public MappingException(String origin, String problem) {
        this(origin, List.of(problem));
    }

    /** Each problem as a sentence. */
    public List<String> problems() {
        return problems;
    }
}
