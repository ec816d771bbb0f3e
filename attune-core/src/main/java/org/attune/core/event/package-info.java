/**
 * Behavior events: their shape, the documented limits on them, how they are read from
 * JSON, validated, and encoded for the durable event log.
 */
package org.attune.core.event;
