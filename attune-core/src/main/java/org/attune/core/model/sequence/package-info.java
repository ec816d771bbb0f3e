/**
 * The {@code sequence} kind ({@link org.attune.core.model.sequence.SequenceKind}): a
 * SASRec-style self-attentive model of what a person interacts with next. The core holds the
 * trained model and its plain-Java forward pass ({@link org.attune.core.model.sequence.SequenceModel}),
 * the seeded initial weights ({@link org.attune.core.model.sequence.SequenceInit}), the
 * product profile states ({@link org.attune.core.model.sequence.SequenceProfiles}), the params
 * and the artifact format; learning the weights is the
 * {@link org.attune.core.model.sequence.SequenceLearner} that module {@code attune-sequence}
 * implements on DJL, handed in by the wiring, so that nothing here needs a tensor library.
 */
package org.attune.core.model.sequence;
