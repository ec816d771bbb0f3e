/**
 * What every recommendation model shares: the contract of a kind ({@link org.attune.core.model.ModelKind},
 * its params as a {@link org.attune.core.model.ModelParams} record checked field by field with
 * {@link org.attune.core.model.ParamSpec}s, read by {@link org.attune.core.model.ParamsReader}),
 * {@link org.attune.core.model.ModelKinds} (kinds by name, and what is done with a kind chosen
 * by name: params, training, artifact formats, request-time needs), definitions and their
 * lifecycle ({@link org.attune.core.model.ModelDefinition}, {@link org.attune.core.model.ModelService},
 * the stores of models and versions), the training data ({@link org.attune.core.model.Interactions},
 * read through signals by {@link org.attune.core.model.SignalReader}; ordered click sessions,
 * {@link org.attune.core.model.Sessions}), the contracts scorers serve through
 * ({@link org.attune.core.model.ItemScorer}, {@link org.attune.core.model.PersonScorer}), the
 * artifact file ({@link org.attune.core.model.TrainedModel}), the baselines every model is
 * measured against (popularity; sequential rules for sessions) and the numerical routine EASE
 * needs ({@link org.attune.core.model.SpdInverse}). Each kind lives in a sub-package of its own
 * ({@code affinity}, {@code cooccurrence}, {@code collaborative}, {@code trending},
 * {@code sequence}), listed by the registry in {@code kinds}; nothing here depends on them.
 */
package org.attune.core.model;
