package org.attune.server.importing;

/**
 * One record of an import, ready to send: its line in the file (to trace a rejection back to
 * it), its id (or null) and its JSON.
 */
record PendingRecord(long line, String id, byte[] json) {
}
