/** The runnable server: HTTP API ({@code http}), command line ({@code cli}), bulk import ({@code importing}) and the one wiring place ({@code app}). */
package org.attune.server;
