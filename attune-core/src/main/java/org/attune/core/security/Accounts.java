package org.attune.core.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.Identifiers;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.attune.core.validation.Problem;

/**
 * People's accounts for the studio: creates them, checks a name and password, changes
 * passwords and disables accounts. Only editors and admins have accounts (the studio is
 * for people who edit); machines keep using {@link ApiKeys}.
 *
 * <p>Every account is also kept in memory by name, so that {@link #authenticate} never
 * touches the store. A check hashes the given password whether or not the name exists or
 * the account is disabled, so the time an answer takes does not tell names apart; it
 * costs about 150 ms of one core (see {@link PasswordHashing}), and whoever offers a login
 * should limit how often one may try.
 *
 * <p>Passwords come as {@code char[]} and are never kept; callers may clear their arrays
 * afterwards. Thread-safe: checks run in parallel, changes one at a time.
 */
public final class Accounts {
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MIN_PASSWORD_LENGTH = 10;
    public static final int MAX_PASSWORD_LENGTH = 200;
    /** The roles an account may have. */
    public static final Set<Role> ROLES = Set.of(Role.EDITOR, Role.ADMIN);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_NAME_LENGTH + "}");
    private static final String DECOY_HASH = PasswordHashing.decoy();

    private final AccountStore store;
    private final Clock clock;
    private final PasswordHashing hashing = new PasswordHashing();
    private final Map<String, Account> byName = new ConcurrentHashMap<>();
    private final Object changes = new Object();

    public Accounts(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (Account account : store.list()) {
            byName.put(account.name(), account);
        }
    }

    /**
     * Creates an active account. Every problem of the input is reported at once.
     *
     * @throws InvalidInputException {@code invalid_account}, with a problem per field: a name
     *     not of 1 to {@value #MAX_NAME_LENGTH} letters, digits, {@code . - _ @}; a role other
     *     than editor or admin; a password not of {@value #MIN_PASSWORD_LENGTH} to
     *     {@value #MAX_PASSWORD_LENGTH} characters
     * @throws ConflictException {@code account_exists} when the name is taken, also by a
     *     disabled account
     */
    public Account create(String name, Role role, char[] password) {
        List<Problem> problems = new ArrayList<>();
        if (!isPossibleName(name)) {
            problems.add(new Problem("name", "invalid_name", "name is required: 1 to " + MAX_NAME_LENGTH
                    + " characters of letters a-z and A-Z, digits, '.', '-', '_' and '@', not only dots"));
        }
        if (role == null || !ROLES.contains(role)) {
            problems.add(new Problem("role", "invalid_role", "role must be 'editor' or 'admin': accounts are for"
                    + " people who work in the studio; machines use API keys"));
        }
        problems.addAll(passwordProblems(password));
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_account", "The account has " + problems.size() + " problem(s)",
                    problems);
        }
        requireFree(name);
        Account account = new Account(name, role, hashing.hash(password), clock.instant(), null);
        synchronized (changes) {
            requireFree(name);
            store.save(account);
            byName.put(name, account);
        }
        return account;
    }

    /**
     * Whether {@code name} could be an account's name (1 to {@value #MAX_NAME_LENGTH} letters,
     * digits, {@code . - _ @}). A sign-in with any other name is wrong without a look, so a
     * caller need not hash for it, nor remember its text.
     */
    public static boolean isPossibleName(String name) {
        return name != null && NAME.matcher(name).matches() && Identifiers.isSafe(name);
    }

    /**
     * The active account with this name and password, if any. A wrong password, an unknown
     * name and a disabled account all give an empty answer after the same hashing work.
     */
    public Optional<Account> authenticate(String name, char[] password) {
        if (name == null || password == null || password.length == 0
                || Character.codePointCount(password, 0, password.length) > MAX_PASSWORD_LENGTH) {
            return Optional.empty();
        }
        Account account = byName.get(name);
        boolean matches = hashing.matches(password, account == null ? DECOY_HASH : account.passwordHash());
        return matches && account != null && account.active() ? Optional.of(account) : Optional.empty();
    }

    /**
     * The account with this name, active or not, from memory. A studio session can check
     * with it on every request that its account is still active, and end itself when the
     * password hash differs from the one it signed in with (the password was changed).
     */
    public Optional<Account> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** All accounts including disabled ones, oldest first. */
    public List<Account> list() {
        return store.list();
    }

    /**
     * Disables the account: it can no longer sign in, and its name stays taken. Disabling
     * again keeps the first time.
     *
     * @throws NotFoundException {@code account_not_found}
     */
    public Account disable(String name) {
        synchronized (changes) {
            Account account = existing(name);
            if (!account.active()) {
                return account;
            }
            Account disabled = account.disabled(clock.instant());
            store.update(disabled);
            byName.put(name, disabled);
            return disabled;
        }
    }

    /**
     * Sets a new password; the old one stops working at once.
     *
     * @throws InvalidInputException {@code invalid_password} when it is too short or too long
     * @throws NotFoundException {@code account_not_found}
     * @throws ConflictException {@code account_disabled}: a disabled account cannot sign in
     *     whatever its password, so a new one would only mislead
     */
    public Account changePassword(String name, char[] password) {
        List<Problem> problems = passwordProblems(password);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_password", "The password has a problem", problems);
        }
        requireActive(existing(name));
        String hash = hashing.hash(password);
        synchronized (changes) {
            Account changed = requireActive(existing(name)).withPasswordHash(hash);
            store.update(changed);
            byName.put(name, changed);
            return changed;
        }
    }

    /**
     * What is wrong with a password for an account (path {@code password}); empty when it
     * will do. Exposed so that operators' settings (ATTUNE_ADMIN_PASSWORD) are checked with
     * the same rule before a server starts.
     */
    public static List<Problem> passwordProblems(char[] password) {
        if (password == null || password.length == 0) {
            return List.of(new Problem("password", "missing_password", "password is required: "
                    + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters"));
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_PASSWORD_LENGTH) {
            return List.of(new Problem("password", "password_too_short", "password must be at least "
                    + MIN_PASSWORD_LENGTH + " characters, got " + length));
        }
        if (length > MAX_PASSWORD_LENGTH) {
            return List.of(new Problem("password", "password_too_long", "password must be at most "
                    + MAX_PASSWORD_LENGTH + " characters, got " + length));
        }
        return List.of();
    }

    private void requireFree(String name) {
        if (byName.containsKey(name)) {
            throw new ConflictException("account_exists", "An account named '" + name + "' already exists");
        }
    }

    private Account existing(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("account_not_found",
                "No account named '" + name + "'"));
    }

    private static Account requireActive(Account account) {
        if (!account.active()) {
            throw new ConflictException("account_disabled", "The account '" + account.name()
                    + "' is disabled; its password cannot be changed");
        }
        return account;
    }
}
