/**
 * Benchmarks: {@code load} drives a real server process over HTTP and reports
 * throughput, latency percentiles and memory; {@code jmh} holds JMH benchmarks of hot
 * loops. Figures go to docs/benchmarks.md with the command, date and machine.
 */
package org.attune.bench;
