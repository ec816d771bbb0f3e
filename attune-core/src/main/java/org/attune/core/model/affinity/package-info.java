/**
 * The {@code affinity} kind ({@link org.attune.core.model.affinity.AffinityKind}): a person's
 * time-decayed preferences over product attribute values scored against every product, with a
 * popularity prior, so that a single event ranks the whole catalog. Its params
 * ({@link org.attune.core.model.affinity.AffinityParams}), trained model and scorer
 * ({@link org.attune.core.model.affinity.AffinityModel}) and artifact format live here.
 */
package org.attune.core.model.affinity;
