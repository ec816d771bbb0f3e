package org.attune.core.security;

import java.util.List;
import org.attune.core.validation.ConflictException;

/** People's studio accounts, stored with a password hash only. Implementations are thread-safe. */
public interface AccountStore {

    /** @throws ConflictException {@code account_exists} when an account with the name is stored */
    void save(Account account);

    /** All accounts including disabled ones, oldest first; accounts created at the same instant by name. */
    List<Account> list();

    /**
     * Replaces the stored account of the same name (a new password hash, a disabled time).
     *
     * @return false when no account has that name; nothing is stored then
     */
    boolean update(Account account);
}
