/** The one wiring place: opens storage and the event log, builds services with plain constructors, starts the HTTP server. */
package org.attune.server.app;
