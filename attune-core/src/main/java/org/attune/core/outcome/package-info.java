/**
 * What each answer earned: the decision log (every answer served, with its items, written
 * within a second), the recIds that tie later events to an answer, attribution of
 * impressions, clicks, add-to-carts and purchases to the answers as events are applied,
 * and the hourly report figures built from both. Everything here is rebuilt from the two
 * logs (the event log and the decision log), so a restart or {@code attune reports rebuild}
 * gives the same figures.
 */
package org.attune.core.outcome;
