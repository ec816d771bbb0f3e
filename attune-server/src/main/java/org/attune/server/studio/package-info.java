/**
 * The studio: server-rendered pages for merchandisers, behind a sign-in for people with the
 * editor or admin role. Pages call the same core services as the HTTP API (whatever the
 * studio does, the API can do), render with Handlebars templates from
 * {@code /studio/templates}, and use htmx and Chart.js from their WebJars, served by the
 * studio itself so a fresh machine needs nothing but Java. Sessions are kept in memory with
 * a CSRF token each; every change needs that token, and a session lasts only while its account
 * is as it signed in. Password sign-ins are slowed per client address ({@code
 * SignInThrottle}), never locked per name from everywhere.
 */
package org.attune.server.studio;
