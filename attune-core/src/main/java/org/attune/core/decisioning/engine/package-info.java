/**
 * The decision engine: {@link org.attune.core.decisioning.engine.DecisionEngine} runs each
 * placement of a request as a pipeline of small stages (candidate sources found by type in the
 * registry, filters, formula and ranking, diversity, count), walks the strategy's fallback
 * chain when too few products remain, explains what it chose, and re-ranks search and
 * category pages.
 */
package org.attune.core.decisioning.engine;
