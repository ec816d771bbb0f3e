/**
 * The {@code co_occurrence} kind ({@link org.attune.core.model.cooccurrence.CoOccurrenceKind}):
 * products seen together in a person's sessions, scored by log-likelihood ratio or cosine,
 * with its params ({@link org.attune.core.model.cooccurrence.CoOccurrenceParams}), its trained
 * neighbourhood model and scorer ({@link org.attune.core.model.cooccurrence.CoOccurrenceModel})
 * and its artifact format.
 */
package org.attune.core.model.cooccurrence;
