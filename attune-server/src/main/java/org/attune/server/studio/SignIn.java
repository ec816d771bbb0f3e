package org.attune.server.studio;

import java.util.Optional;
import org.attune.core.security.Role;

/** Checks a person's name and password; the role of an active account that matches, else empty. */
@FunctionalInterface
public interface SignIn {
    Optional<Role> check(String name, char[] password);
}
