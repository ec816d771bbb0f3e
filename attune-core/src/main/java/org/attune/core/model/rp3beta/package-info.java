/**
 * The {@code rp3beta} kind ({@link org.attune.core.model.rp3beta.Rp3BetaKind}): an item-item
 * model from a three-step random walk person, product, person, product whose transitions are
 * divided by the destination's popularity raised to beta (Paudel et al., ACM TiiS 2017); its
 * params ({@link org.attune.core.model.rp3beta.Rp3BetaParams}), the trainer that computes each
 * product's best neighbours sparsely and in parallel
 * ({@link org.attune.core.model.rp3beta.Rp3BetaTrainer}), and the immutable trained model that
 * scores a person from their products' neighbours and writes and reads its artifact
 * ({@link org.attune.core.model.rp3beta.Rp3BetaModel}).
 */
package org.attune.core.model.rp3beta;
