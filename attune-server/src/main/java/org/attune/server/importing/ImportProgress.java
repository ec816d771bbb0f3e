package org.attune.server.importing;

import java.time.Duration;

/**
 * How far an import has got, reported every few seconds.
 *
 * @param recordsRead records (data lines) read from the file so far
 * @param recordsSent records the server has answered for
 * @param stored records stored so far (events accepted, products added, changed or unchanged)
 * @param elapsed time since the import started
 */
public record ImportProgress(long recordsRead, long recordsSent, long stored, Duration elapsed) {
}
