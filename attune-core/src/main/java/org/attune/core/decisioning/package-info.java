/**
 * Decisioning: what each person sees in each placement, and how search and category result
 * lists are re-ranked. Collections, strategies, placements and rules are defined through
 * {@link org.attune.core.decisioning.DecisioningDefinitions} (checked at save time, CEL
 * expressions included, see {@link org.attune.core.decisioning.Expressions}); requests are
 * answered from memory by {@link org.attune.core.decisioning.DecisionEngine}.
 */
package org.attune.core.decisioning;
