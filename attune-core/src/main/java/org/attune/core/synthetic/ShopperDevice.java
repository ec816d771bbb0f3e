package org.attune.core.synthetic;

/**
 * One browser or app install of a shopper, known to the shop by its anonymous id.
 *
 * @param anonymousId the id the tracker keeps in a cookie or the app's storage
 * @param type "desktop", "mobile" or "tablet"
 * @param surface "web" or "app"
 */
record ShopperDevice(String anonymousId, String type, String surface) {
}
