/**
 * Decisioning: what each person sees in each placement, and how search and category result
 * lists are re-ranked. Collections, strategies, placements and rules are defined through
 * {@link org.attune.core.decisioning.DecisioningDefinitions} (checked at save time, CEL
 * expressions included, see {@link org.attune.core.decisioning.Expressions}); requests are
 * answered from memory by {@code decisioning.engine.DecisionEngine}, which runs the candidate
 * sources ({@link org.attune.core.decisioning.CandidateSource}, found by type in
 * {@link org.attune.core.decisioning.CandidateSources}) and the stages of the sub-packages.
 */
package org.attune.core.decisioning;
