/**
 * The web channel: the JavaScript tag pages load ({@code /sdk/attune.js}), which tracks
 * events, fills placements with widgets and sends impressions and clicks with a browser key,
 * and the demo's storefront, plain pages of the demo shop that use the tag as a shop would.
 */
package org.attune.server.web;
