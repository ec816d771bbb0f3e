/** JMH benchmarks of the hot loops on the ingestion path. */
package org.attune.bench.jmh;
