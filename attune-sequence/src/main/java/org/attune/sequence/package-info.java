/**
 * Learning the behavioral sequence model ({@code kind: sequence}): a self-attentive,
 * SASRec-style transformer over each person's products in time order, trained with DJL on
 * PyTorch ({@link org.attune.sequence.SequenceTrainer}, the core's
 * {@link org.attune.core.model.sequence.SequenceLearner}). The trained weights are exported to the
 * core's {@link org.attune.core.model.sequence.SequenceModel}, whose plain-Java forward pass serves
 * requests, so that no request goes through PyTorch. {@link org.attune.sequence.DjlEnvironment}
 * keeps DJL offline.
 */
package org.attune.sequence;
