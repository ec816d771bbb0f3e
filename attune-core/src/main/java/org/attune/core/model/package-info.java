/**
 * Recommendation models: the training data they read ({@link org.attune.core.model.Interactions}),
 * the contract they serve through ({@link org.attune.core.model.ItemScorer}), and each kind as a
 * trainer, an immutable trained model and its scorer (popularity, EASE so far), and the
 * numerical routine EASE needs ({@link org.attune.core.model.SpdInverse}, the inverse of a
 * symmetric positive definite matrix).
 */
package org.attune.core.model;
