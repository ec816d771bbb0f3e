package org.attune.core.security;

import java.time.Instant;

/**
 * A stored API key. The secret itself is never stored.
 *
 * @param id public identifier, used to revoke the key
 * @param name what the key is for
 * @param role what it may do
 * @param secretHash SHA-256 of the secret, hex
 * @param prefix the first characters of a generated secret, to recognise it in lists; empty for a
 *     secret the operator chose, of which nothing is shown
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or {@code null} while valid
 * @param browser where and for what a browser key works; null for the other roles
 */
public record ApiKey(String id, String name, Role role, String secretHash, String prefix, Instant createdAt,
                     Instant revokedAt, BrowserAccess browser) {

    public ApiKey {
        if ((role == Role.BROWSER) != (browser != null)) {
            throw new IllegalArgumentException("a browser key, and only a browser key, has its browser access");
        }
    }

    public boolean active() {
        return revokedAt == null;
    }
}
