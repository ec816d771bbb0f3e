/** Load clients that start a real server process and measure it over HTTP on loopback. */
package org.attune.bench.load;
