package org.attune.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The value types a catalog attribute may have. Names are the lower-case JSON names. */
public enum AttributeType {
    STRING, NUMBER, BOOLEAN, STRING_LIST, URL, TIMESTAMP;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttributeType> fromJsonName(String name) {
        return Arrays.stream(values()).filter(t -> t.jsonName().equals(name)).findFirst();
    }
}
