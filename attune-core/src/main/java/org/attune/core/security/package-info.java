/**
 * Who may use Attune. Machines use API keys ({@link org.attune.core.security.ApiKeys}): secrets
 * shown once at creation and stored only as SHA-256 hashes. People who edit use studio accounts
 * ({@link org.attune.core.security.Accounts}): a name and a password stored only as a salted
 * PBKDF2 hash. Both carry a {@link org.attune.core.security.Role}. Their stores, {@code
 * ApiKeyStore} and {@code AccountStore}, are declared here.
 */
package org.attune.core.security;
