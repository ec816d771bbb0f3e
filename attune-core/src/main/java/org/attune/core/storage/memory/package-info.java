/** Storage kept in memory only: for fast unit tests, and the reference the contract tests hold other stores to. */
package org.attune.core.storage.memory;
