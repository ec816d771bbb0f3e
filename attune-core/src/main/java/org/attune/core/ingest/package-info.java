/**
 * The ingestion path: a request body becomes validated events, duplicates (by eventId) are
 * dropped, the rest is made durable in the event log before anything is acknowledged, and durable
 * events are then fanned out to in-memory consumers (the data dictionary, later profiles) and
 * loaded into the queryable event store. {@code EventStore}, the contract of that queryable copy,
 * lives here beside its loader.
 */
package org.attune.core.ingest;
