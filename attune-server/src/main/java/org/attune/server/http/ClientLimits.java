package org.attune.server.http;

import java.time.Duration;

/**
 * How much of the server one client may hold, so that no client can exhaust it: connections,
 * request rates, and how slowly a request body may arrive. A client is its remote address
 * (the TCP peer: behind a proxy that is the proxy, and no forwarded header is trusted).
 * docs/api.md ("Limits") lists each with its default.
 *
 * @param maxConnections open connections in all; at the limit the server stops accepting
 *     until one closes (new clients wait in the operating system's backlog)
 * @param maxConnectionsPerAddress open connections from one address; one more is closed at once
 * @param requestsPerKeyPerSecond requests each API key may make per second (a bucket of as many,
 *     refilled continuously); 0 for no limit
 * @param requestsPerAddressPerSecond requests per second from one address that carry no valid key:
 *     public and studio routes, CORS preflights, and failed authentications; 0 for no limit
 */
public record ClientLimits(int maxConnections, int maxConnectionsPerAddress, long requestsPerKeyPerSecond,
                           long requestsPerAddressPerSecond) {

    /**
     * Generous enough for the project's load benchmarks (thousands of decisions and 150,000
     * events per second in batches, from one loopback address with one key) and for the studio
     * benchmark, which asks for fast pages (1 to 2 ms) one after another from one address.
     * Guessing keys is hopeless at any rate (they are random); the address rate caps the cost of
     * trying.
     */
    public static final ClientLimits DEFAULTS = new ClientLimits(4_096, 256, 50_000, 1_000);

    /**
     * Requests from one address handled at once; more wait for a free slot without holding a
     * thread. With Jetty's 250 threads, several stalling addresses cannot starve the rest.
     */
    public static final int ACTIVE_REQUESTS_PER_ADDRESS = 32;

    /**
     * The slowest a request body may arrive, in bytes per second from its first byte: a client
     * trickling a byte at a time is answered 408 instead of holding a thread.
     */
    public static final long MIN_REQUEST_BYTES_PER_SECOND = 1_024;

    /** How long a connection may stay silent (between requests, or mid-body) before it is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** How many addresses' and keys' buckets are kept; the least recently used give way beyond. */
    public static final int TRACKED_CLIENTS = 100_000;

    public ClientLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1, got " + maxConnections);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("--max-connections-per-address must be between 1 and --max-connections ("
                    + maxConnections + "), got " + maxConnectionsPerAddress);
        }
        if (requestsPerKeyPerSecond < 0) {
            throw new IllegalArgumentException("--rate-limit-per-key must be 0 (no limit) or more, got "
                    + requestsPerKeyPerSecond);
        }
        if (requestsPerAddressPerSecond < 0) {
            throw new IllegalArgumentException("--rate-limit-per-address must be 0 (no limit) or more, got "
                    + requestsPerAddressPerSecond);
        }
    }
}
