/**
 * Recommendation models: the training data they read ({@link org.attune.core.model.Interactions};
 * ordered click sessions, {@link org.attune.core.model.Sessions}, for the models of what is
 * clicked next), the contract they serve through ({@link org.attune.core.model.ItemScorer}), and
 * each kind as a trainer, an immutable trained model and its scorer (popularity, trending,
 * co-occurrence, EASE, sequential rules so far), and the
 * numerical routine EASE needs ({@link org.attune.core.model.SpdInverse}, the inverse of a
 * symmetric positive definite matrix).
 */
package org.attune.core.model;
