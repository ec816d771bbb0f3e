package org.attune.server.http;

import org.attune.core.security.Role;

/** Who may call a route. */
public enum Access {
    /** No key needed: health, metrics, the OpenAPI document, CORS preflight. */
    PUBLIC(null),
    /** A key with the ingest role (or admin). */
    INGEST(Role.INGEST),
    /** A key with the read role (or editor, or admin): recommendations and profiles. */
    READ(Role.READ),
    /** A key with the editor role (or admin): catalogs, products, the data dictionary. */
    EDITOR(Role.EDITOR),
    /** A key with the admin role. */
    ADMIN(Role.ADMIN),
    /**
     * A person signed in to the studio with the editor or admin role: a session cookie, not an
     * API key. The studio checks the session (and its CSRF token on changes) itself.
     */
    STUDIO(Role.EDITOR);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The role needed, or null for public routes. */
    public Role role() {
        return role;
    }
}
