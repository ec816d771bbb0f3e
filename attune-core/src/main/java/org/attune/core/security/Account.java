package org.attune.core.security;

import java.time.Instant;

/**
 * A person's account for the studio. The password itself is never stored, only its
 * {@link PasswordHashing} hash. API keys remain what machines use.
 *
 * @param name what the person signs in with; unique, case-sensitive
 * @param role {@link Role#EDITOR} or {@link Role#ADMIN}; other roles are for machines
 * @param passwordHash the password's hash in the self-describing form
 *     {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}
 * @param createdAt when it was created
 * @param disabledAt when it was disabled, or {@code null} while it may sign in
 */
public record Account(String name, Role role, String passwordHash, Instant createdAt, Instant disabledAt) {

    public boolean active() {
        return disabledAt == null;
    }

    /** The same account, disabled at {@code at}; an account disabled already keeps its first time. */
    public Account disabled(Instant at) {
        return active() ? new Account(name, role, passwordHash, createdAt, at) : this;
    }

    /** The same account with another password hash. */
    public Account withPasswordHash(String newHash) {
        return new Account(name, role, newHash, createdAt, disabledAt);
    }

    /** Leaves the hash out, so that logging an account never exposes it to offline guessing. */
    @Override
    public String toString() {
        return "Account[name=" + name + ", role=" + role + ", createdAt=" + createdAt + ", disabledAt=" + disabledAt
                + "]";
    }
}
