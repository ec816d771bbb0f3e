package org.attune.server.studio;

import java.util.Optional;
import org.attune.core.security.Account;

/**
 * Checks a person's name and password: the active account that matches, else empty. Costs
 * a password hash (about 150 ms of one core) whatever the answer.
 */
@FunctionalInterface
public interface SignIn {
    Optional<Account> check(String name, char[] password);
}
