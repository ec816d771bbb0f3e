package org.attune.server.importing;

import java.util.List;
import java.util.stream.Collectors;
import org.attune.core.validation.Problem;

/**
 * A record that was not stored, where it is in the file and why.
 *
 * @param line the record's line number in the imported file (1-based, header included)
 * @param id the record's id (eventId or product id) when it had one, else null
 * @param problems why it was refused, by the server's validation or by the column mapping
 */
public record RejectedRecord(long line, String id, List<Problem> problems) {
    public RejectedRecord {
        problems = List.copyOf(problems);
    }

    /** One line for people, e.g. {@code line 7 (id 42): url: expected an absolute http or https URL [invalid_url]}. */
    public String describe() {
        return "line " + line + (id == null ? "" : " (id " + id + ")") + ": " + problems.stream()
                .map(p -> (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message() + " ["
                        + p.code() + "]")
                .collect(Collectors.joining("; "));
    }
}
