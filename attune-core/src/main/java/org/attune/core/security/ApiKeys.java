package org.attune.core.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * Creates, checks and revokes API keys. Checking a key is a hash and a map look-up; it
 * never touches the store. Thread-safe.
 */
public final class ApiKeys {
    /** Secrets start with this so that they are easy to spot in code and logs. */
    public static final String SECRET_PREFIX = "atk_";
    public static final int MAX_NAME_LENGTH = 100;

    private final ApiKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ApiKey> activeByHash = new ConcurrentHashMap<>();

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (ApiKey key : store.list()) {
            if (key.active()) {
                activeByHash.put(key.secretHash(), key);
            }
        }
    }

    /**
     * A key just made: the stored record and its secret, which is not kept anywhere.
     *
     * @param key the stored key
     * @param secret the bearer token to hand to the user, once
     */
    public record CreatedKey(ApiKey key, String secret) {
    }

    /** A key of any role but {@link Role#BROWSER}, which {@link #createBrowserKey} makes. */
    public CreatedKey create(String name, Role role) {
        if (role == Role.BROWSER) {
            throw new IllegalArgumentException("a browser key is made with its origins and catalogs");
        }
        return create(name, role, null);
    }

    /** A key for web pages of {@code access}'s origins, for its catalogs and placements. */
    public CreatedKey createBrowserKey(String name, BrowserAccess access) {
        return create(name, Role.BROWSER, access);
    }

    private CreatedKey create(String name, Role role, BrowserAccess access) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // Eight characters of a generated secret are "atk_" and 4 of 43 random ones: enough to
        // recognise it in a list, far too little to guess the rest.
        return store(name, role, secret, secret.substring(0, 8), access);
    }

    /**
     * Stores a key whose secret the operator chose (the bootstrap admin key from the
     * environment). No part of it is kept as a prefix: a chosen secret may be short or guessable,
     * and every character shown would help to guess the rest.
     */
    public CreatedKey createWithSecret(String name, Role role, String secret) {
        return store(name, role, secret, "", null);
    }

    /**
     * Whether {@code secret} is that of a key that was revoked (and none active has it): the
     * bootstrap key from the environment must not be made again after an admin revoked it.
     */
    public boolean isRevokedSecret(String secret) {
        if (secret == null || isKnownSecret(secret)) {
            return false;
        }
        String hash = hash(secret);
        return store.list().stream().anyMatch(key -> !key.active() && key.secretHash().equals(hash));
    }

    private CreatedKey store(String name, Role role, String secret, String prefix, BrowserAccess access) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH || !Identifiers.isSafe(name)) {
            throw new InvalidInputException("invalid_key", "The key definition has a problem", List.of(
                    new Problem("name", "invalid_name", "name is required, at most " + MAX_NAME_LENGTH + " characters "
                            + Identifiers.RULE)));
        }
        if (secret.length() < 16) {
            throw new InvalidInputException("weak_secret", "An API key secret must be at least 16 characters");
        }
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        ApiKey key = new ApiKey(id, name, role, hash(secret), prefix, clock.instant(), null, access);
        store.save(key);
        activeByHash.put(key.secretHash(), key);
        return new CreatedKey(key, secret);
    }

    /** The active key with this secret, if any. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        return Optional.ofNullable(activeByHash.get(hash(secret)));
    }

    public boolean isKnownSecret(String secret) {
        return authenticate(secret).isPresent();
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public boolean anyActive() {
        return !activeByHash.isEmpty();
    }

    public ApiKey revoke(String id) {
        ApiKey key = store.list().stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("key_not_found", "No API key with id '" + id + "'"));
        if (key.active()) {
            store.revoke(id, clock.instant());
            activeByHash.remove(key.secretHash());
        }
        return store.list().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
