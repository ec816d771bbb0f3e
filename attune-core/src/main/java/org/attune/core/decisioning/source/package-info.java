/**
 * The candidate sources, one class per source type of a strategy ({@code model},
 * {@code related}, {@code trending}, {@code recently_viewed}, {@code collection}), each
 * implementing {@link org.attune.core.decisioning.CandidateSource}, and
 * {@link org.attune.core.decisioning.source.StandardSources}, which registers them by name.
 * The trending and recently viewed sources also answer the built-in strategies of
 * {@code GET /v1/recommendations}.
 */
package org.attune.core.decisioning.source;
