/**
 * The durable, append-only event log: the source of truth for every acknowledged event.
 * An append completes only after the bytes are on disk (fdatasync); concurrent appends
 * share one sync (group commit). Readers replay it in sequence order. A later
 * implementation may put it on Kafka; callers see only {@link org.attune.core.eventlog.EventLog}.
 */
package org.attune.core.eventlog;
