package org.attune.core.security;

import java.time.Instant;
import java.util.List;

/** API keys, stored by the hash of their secret only. */
public interface ApiKeyStore {
    void save(ApiKey key);

    /** All keys including revoked ones, oldest first. */
    List<ApiKey> list();

    /** @return false when no such key exists */
    boolean revoke(String id, Instant at);
}
