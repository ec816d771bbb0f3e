/**
 * The data dictionary: event types and property paths discovered from the events
 * themselves (never declared), with exact counts, fill rates, observed types and examples.
 */
package org.attune.core.dictionary;
