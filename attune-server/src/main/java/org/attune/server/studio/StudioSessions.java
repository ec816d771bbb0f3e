package org.attune.server.studio;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.security.Role;

/**
 * Signed-in studio sessions, in memory (a restart signs everyone out). A session id is 256
 * random bits; so is its CSRF token. A session ends after {@link #IDLE} without a request,
 * {@link #LONGEST} after sign-in, or at sign-out. Thread-safe.
 */
public final class StudioSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "attune_studio";
    /** How long a session lasts without a request. */
    public static final Duration IDLE = Duration.ofHours(8);
    /** How long a session lasts at most. */
    public static final Duration LONGEST = Duration.ofHours(24);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    public StudioSessions(Clock clock) {
        this.clock = clock;
    }

    /** One signed-in person. */
    public static final class Session {
        private final String id;
        private final String account;
        private final Role role;
        private final String csrfToken;
        private final Instant started;
        private volatile Instant lastSeen;

        private Session(String id, String account, Role role, String csrfToken, Instant started) {
            this.id = id;
            this.account = account;
            this.role = role;
            this.csrfToken = csrfToken;
            this.started = started;
            this.lastSeen = started;
        }

        public String id() {
            return id;
        }

        public String account() {
            return account;
        }

        public Role role() {
            return role;
        }

        /** The token every change must carry (form field or header). */
        public String csrfToken() {
            return csrfToken;
        }

        /** Whether {@code given} is this session's CSRF token, compared in constant time. */
        public boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(given.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Starts a session for a person who just signed in. */
    public Session open(String account, Role role) {
        Session session = new Session(token(), account, role, token(), clock.instant());
        byId.put(session.id, session);
        return session;
    }

    /** The live session with this id, marked as seen now; expired ones are forgotten. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(session.lastSeen.plus(IDLE)) || now.isAfter(session.started.plus(LONGEST))) {
            byId.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    /** Ends a session (sign-out). */
    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    /** A fresh random token, URL-safe. */
    String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
