/** The {@code attune} command line: serve, demo, import. Built with picocli. */
package org.attune.server.cli;
