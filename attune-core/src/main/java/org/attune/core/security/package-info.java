/** API keys and roles. Secrets are shown once at creation and stored only as SHA-256 hashes. */
package org.attune.core.security;
