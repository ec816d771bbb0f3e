/**
 * The {@code collaborative} kind ({@link org.attune.core.model.collaborative.CollaborativeKind}):
 * EASE ({@link org.attune.core.model.collaborative.EaseTrainer}, closed form with activity
 * weighting and the EDLAE dropout penalty), implicit ALS
 * ({@link org.attune.core.model.collaborative.AlsTrainer}, conjugate-gradient sweeps and exact
 * fold-in) and their blend ({@link org.attune.core.model.collaborative.BlendModel}), chosen by
 * {@link org.attune.core.model.collaborative.CollaborativeTrainer}; its params, whose
 * {@link org.attune.core.model.collaborative.CollaborativeParams#DEFAULTS} are the one
 * declaration of EASE's and ALS's defaults, and the artifact formats of its three scorers.
 */
package org.attune.core.model.collaborative;
