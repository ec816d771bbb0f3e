/**
 * Bulk loading from files through the HTTP API, so that imported data passes the same
 * validation as live traffic: an HTTP client for the API, CSV and NDJSON readers with
 * column mappings, and mappings for well-known public data sets.
 */
package org.attune.server.importing;
