/**
 * Personalization setup per catalog: the one-time setup run that trains the chosen model, the
 * viability assessment of the catalog and its events (with the model's own offline accuracy),
 * activation with daily training runs, and deactivation guarded by {@link
 * org.attune.core.personalization.DeactivationCheck}s. Setups and runs are kept through {@code
 * PersonalizationStore}, whose contract lives here.
 */
package org.attune.core.personalization;
