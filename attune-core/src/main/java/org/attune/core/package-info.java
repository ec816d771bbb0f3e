/**
 * Attune's domain and engine, free of HTTP, database and deep-learning libraries.
 * Sub-packages hold one concern each; storage is reached only through the
 * interfaces in {@link org.attune.core.storage}.
 */
package org.attune.core;
