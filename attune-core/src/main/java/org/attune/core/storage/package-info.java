/**
 * Storage contracts. Every store offers batch writes, cursor paging and streaming scans;
 * one contract test suite ({@code StorageContract} in the test sources) runs against
 * each implementation. Implementations are thread-safe.
 */
package org.attune.core.storage;
