/**
 * The behavioral sequence model ({@code kind: sequence}): a self-attentive, SASRec-style
 * transformer over each person's products in time order, trained with DJL on PyTorch
 * ({@link org.attune.sequence.SequenceTrainer}) and served by a plain-Java forward pass over
 * the exported weights ({@link org.attune.sequence.SequenceModel}), so that no request goes
 * through PyTorch. {@link org.attune.sequence.DjlEnvironment} keeps DJL offline.
 */
package org.attune.sequence;
