/** The one shared Jackson configuration used by core for event and product JSON. */
package org.attune.core.json;
