/**
 * The registry of model kinds ({@link org.attune.core.model.kinds.BuiltInKinds#ALL}): the one
 * place that names every kind package, above them all, so that the shared contracts in
 * {@code org.attune.core.model} never depend on a kind.
 */
package org.attune.core.model.kinds;
