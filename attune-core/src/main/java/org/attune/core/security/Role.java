package org.attune.core.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a key may do. */
public enum Role {
    /** Everything, including keys and privacy deletions. */
    ADMIN,
    /** Configure catalogs and products (later models, rules, tests) and read what a reader reads. */
    EDITOR,
    /** Read recommendations and profiles only; for the servers and apps that show recommendations. */
    READ,
    /** Only send events; safe to embed in a web page. */
    INGEST;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromJsonName(String name) {
        return Arrays.stream(values()).filter(r -> r.jsonName().equals(name)).findFirst();
    }

    /** Whether a key with this role may do what {@code required} allows. */
    public boolean allows(Role required) {
        return this == ADMIN || this == required || (this == EDITOR && required == READ);
    }
}
