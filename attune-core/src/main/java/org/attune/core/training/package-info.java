/**
 * Training models into versions and serving them: {@link org.attune.core.training.ModelTraining}
 * runs the lifecycle (provision, retrain, stop, roll back) on a background thread, reads the
 * event log through each model's signals, measures the result on a time holdout, saves an
 * artifact per version and swaps it in for {@link org.attune.core.training.ServedModel} readers
 * without pausing them.
 */
package org.attune.core.training;
