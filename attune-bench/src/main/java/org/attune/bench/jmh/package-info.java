/** JMH benchmarks of hot loops: the ingestion path and request-time model scoring. */
package org.attune.bench.jmh;
