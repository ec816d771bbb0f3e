/**
 * People behind the events: identity stitching (anonymous ids and user ids linked into one
 * person) and, as the profiles issue proceeds, live profiles with computed attributes.
 * The state is rebuilt by replaying the event log in order, so it is deterministic.
 */
package org.attune.core.profile;
