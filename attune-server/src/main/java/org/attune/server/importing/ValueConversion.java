package org.attune.server.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the text of a CSV cell (or of a template) becomes a JSON value, named by the
 * {@code "as"} key of a field in a column mapping. The conversion itself is done by
 * {@link FieldRule#convert(String)}, which knows the options (split, pattern, zone).
 */
public enum ValueConversion {
    /** The text as it is (the default). */
    STRING,
    /** An identifier: the text, with a trailing {@code .0} removed ({@code 17850.0} becomes {@code 17850}). */
    ID,
    /** A decimal number, kept exact ({@code 2.50} stays {@code 2.50}). */
    NUMBER,
    /** A whole number; {@code 6.0} is accepted, {@code 6.5} is not. */
    INTEGER,
    /** true/false, 1/0, yes/no, y/n, t/f in any case. */
    BOOLEAN,
    /** A list of strings, split on the field's {@code split} text; empty parts are dropped. */
    LIST,
    /** An http(s) URL; characters a URL may not contain (spaces, non-ASCII) are percent-encoded. */
    URL,
    /** Unix time in seconds, possibly with a fraction ({@code 1396437466.94}); written as ISO-8601 UTC. */
    EPOCH_SECONDS,
    /** Unix time in milliseconds; written as ISO-8601 UTC. */
    EPOCH_MILLIS,
    /** A date or date-time read with the field's {@code pattern} in its {@code zone}; written as ISO-8601 UTC. */
    DATETIME;

    /** The name used in mapping files, e.g. {@code epoch_seconds}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueConversion> fromJsonName(String name) {
        return Arrays.stream(values()).filter(c -> c.jsonName().equals(name)).findFirst();
    }

    /** All names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(ValueConversion::jsonName).collect(Collectors.joining(", "));
    }
}
