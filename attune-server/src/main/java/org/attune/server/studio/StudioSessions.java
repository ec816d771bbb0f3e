package org.attune.server.studio;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.attune.core.security.Account;
import org.attune.core.security.Role;

/**
 * Signed-in studio sessions, in memory (a restart signs everyone out). A session id is 256
 * random bits; so is its CSRF token. A session ends after {@link #IDLE} without a request,
 * {@link #LONGEST} after sign-in, at sign-out, and at its next request once its account is
 * disabled, has a new password or another role: each request compares the account as it is
 * now (a look-up in memory) with the account the session signed in as, so no change of an
 * account, by whatever path, leaves a session working on the old terms. An account keeps at
 * most {@value #MAX_PER_ACCOUNT} sessions (a new one ends its oldest), and every sign-in sweeps
 * out sessions that ended unseen, so what is kept stays bounded by the accounts. Thread-safe.
 */
public final class StudioSessions {
    /** The session cookie's name. */
    public static final String COOKIE = "attune_studio";
    /** How long a session lasts without a request. */
    public static final Duration IDLE = Duration.ofHours(8);
    /** How long a session lasts at most. */
    public static final Duration LONGEST = Duration.ofHours(24);
    /** Sessions one account may have at once: browsers and devices enough for one person. */
    public static final int MAX_PER_ACCOUNT = 20;

    private final Clock clock;
    private final Function<String, Optional<Account>> accounts;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private long opened;

    /**
     * @param accounts the account of a name as it is now, active or not (a look-up in
     *     memory: it runs on every studio request)
     */
    public StudioSessions(Clock clock, Function<String, Optional<Account>> accounts) {
        this.clock = clock;
        this.accounts = accounts;
    }

    /** One signed-in person. */
    public static final class Session {
        private final String id;
        private final String account;
        private final Role role;
        /** The account's password hash at sign-in: another one now means the password was changed. */
        private final String passwordHash;
        private final String csrfToken;
        private final Instant started;
        /** Which sign-in this was, counting from the server's start: the oldest end first. */
        private final long number;
        private volatile Instant lastSeen;

        private Session(String id, Account signedIn, String csrfToken, Instant started, long number) {
            this.id = id;
            this.number = number;
            this.account = signedIn.name();
            this.role = signedIn.role();
            this.passwordHash = signedIn.passwordHash();
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

    /**
     * Starts a session for a person who just signed in to this (active) account, ending the
     * account's oldest when it has {@value #MAX_PER_ACCOUNT} already.
     */
    public synchronized Session open(Account signedIn) {
        Instant now = clock.instant();
        byId.values().removeIf(session -> ended(session, now));
        List<Session> ofAccount = byId.values().stream().filter(session -> session.account.equals(signedIn.name()))
                .sorted(Comparator.comparingLong(session -> session.number)).toList();
        for (int i = 0; i <= ofAccount.size() - MAX_PER_ACCOUNT; i++) {
            byId.remove(ofAccount.get(i).id);
        }
        Session session = new Session(token(), signedIn, token(), now, opened++);
        byId.put(session.id, session);
        return session;
    }

    /**
     * The live session with this id, marked as seen now. Expired ones are forgotten, and so
     * are those whose account is gone, disabled, has another password or another role.
     */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (ended(session, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        session.lastSeen = now;
        return Optional.of(session);
    }

    private boolean ended(Session session, Instant now) {
        return now.isAfter(session.lastSeen.plus(IDLE)) || now.isAfter(session.started.plus(LONGEST))
                || !stillAsSignedIn(session);
    }

    private boolean stillAsSignedIn(Session session) {
        return accounts.apply(session.account)
                .filter(now -> now.active() && now.role() == session.role
                        && now.passwordHash().equals(session.passwordHash))
                .isPresent();
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
