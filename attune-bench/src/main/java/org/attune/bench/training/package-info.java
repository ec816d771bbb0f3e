/**
 * Training runs measured in-process, without a server: how long a model kind takes to learn a
 * synthetic shop and how well it does on the same time holdout a server training uses.
 */
package org.attune.bench.training;
