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
    INGEST,
    /**
     * What a web page's tag does: send events and ask for decisions and re-ranks, only from its
     * listed origins and for its catalogs and placements ({@link BrowserAccess}); reads nothing back.
     */
    BROWSER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromJsonName(String name) {
        return Arrays.stream(values()).filter(r -> r.jsonName().equals(name)).findFirst();
    }

    /**
     * Whether a key with this role may do what {@code required} allows. A browser key is allowed
     * nothing by role: the routes a page may call say so themselves.
     */
    public boolean allows(Role required) {
        return this != BROWSER && (this == ADMIN || this == required || (this == EDITOR && required == READ));
    }
}
