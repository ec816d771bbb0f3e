/**
 * Peers: other systems' models trained and measured side by side with ours, on the same
 * split in the same run, with our evaluation ({@code org.attune.core.evaluation}). So far
 * Apache Spark MLlib's ALS for implicit feedback, run in local mode. Compiled only in a build
 * with {@code -Pspark}, so the default build neither needs nor downloads Spark; how to run
 * it is in docs/evaluation.md.
 */
package org.attune.bench.peers;
