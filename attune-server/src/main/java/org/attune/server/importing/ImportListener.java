package org.attune.server.importing;

/**
 * Hears about a running import: progress every few seconds and notes worth telling the
 * user (a catalog was created). Called from the importing thread.
 */
public interface ImportListener {
    void progress(ImportProgress progress);

    void note(String message);
}
