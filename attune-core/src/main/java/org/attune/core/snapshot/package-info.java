/**
 * Snapshots of the state rebuilt from the event log (live profiles, popularity, the data
 * dictionary, the event-id window), so that a restart reads the newest snapshot and replays
 * only the events after it instead of the whole log.
 */
package org.attune.core.snapshot;
