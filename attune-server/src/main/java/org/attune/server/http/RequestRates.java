package org.attune.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request rates of {@link ClientLimits}: a token bucket per API key and one per remote
 * address, each holding a second's worth of requests and refilled continuously (bucket4j).
 *
 * <p>A key's bucket is made only once the key is authenticated, so there are at most as many
 * as keys in use; everything without a valid key (public and studio routes, failed
 * authentications) is counted by address, so a client spraying made-up keys fills no map.
 * Both maps are bounded ({@link ClientLimits#TRACKED_CLIENTS}, least recently used first) and
 * drop a bucket left alone for {@link #FORGET_AFTER}, by when it would be full again anyway.
 * Thread-safe.
 */
final class RequestRates {
    /** Longer than any bucket takes to refill, so forgetting one never lets a client through sooner. */
    static final Duration FORGET_AFTER = Duration.ofSeconds(10);

    private final long perKey;
    private final long perAddress;
    private final Cache<String, Bucket> keys;
    private final Cache<String, Bucket> addresses;
    /** One bucket per browser key and address, at the key's own rate per address. */
    private final Cache<String, Bucket> browserAddresses;

    RequestRates(ClientLimits limits) {
        perKey = limits.requestsPerKeyPerSecond();
        perAddress = limits.requestsPerAddressPerSecond();
        keys = tracked();
        addresses = tracked();
        browserAddresses = tracked();
    }

    /** A map of buckets, bounded and forgetting those left alone (see above). */
    private static Cache<String, Bucket> tracked() {
        return Caffeine.newBuilder().maximumSize(ClientLimits.TRACKED_CLIENTS).expireAfterAccess(FORGET_AFTER).build();
    }

    /** Counts a request of an authenticated key; throws {@link Exceeded} when the key is over its rate. */
    void chargeKey(String keyId) {
        if (perKey > 0) {
            charge(keys.get(keyId, id -> bucket(perKey)), "key", "this API key", perKey);
        }
    }

    /**
     * Counts a request of a browser key: against the key's rate (the whole site's pages) and
     * against the rate one address may use it at ({@code perAddress}, the key's own setting).
     */
    void chargeBrowser(String keyId, String address, long perAddress) {
        chargeKey(keyId);
        charge(browserAddresses.get(keyId + ' ' + address, a -> bucket(perAddress)), "address",
                "your address with this key", perAddress);
    }

    /** Counts a request without a valid key from an address; throws {@link Exceeded} when over its rate. */
    void chargeAddress(String address) {
        if (perAddress > 0) {
            charge(addresses.get(address, a -> bucket(perAddress)), "address", "your address", perAddress);
        }
    }

    /**
     * Refuses, before a key is looked up, an address that has spent its rate (on failed
     * authentications, say), without charging it: guessing keys costs the guesser, not the server.
     */
    void refuseIfAddressSpent(String address) {
        if (perAddress <= 0) {
            return;
        }
        Bucket bucket = addresses.getIfPresent(address);
        if (bucket != null && bucket.getAvailableTokens() < 1) {
            charge(bucket, "address", "your address", perAddress);
        }
    }

    private static Bucket bucket(long perSecond) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    private static void charge(Bucket bucket, String scope, String who, long perSecond) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new Exceeded(scope, who, perSecond, seconds);
        }
    }

    /** Over a rate: answered 429 {@code rate_limited} with {@code Retry-After}. */
    static final class Exceeded extends RuntimeException {
        private final String scope;
        private final long perSecond;
        private final long retryAfterSeconds;

        Exceeded(String scope, String who, long perSecond, long retryAfterSeconds) {
            super("Too many requests from " + who + ": at most " + perSecond + " per second; retry after "
                    + retryAfterSeconds + " s", null, false, false);
            this.scope = scope;
            this.perSecond = perSecond;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** The error's details: which limit, its rate, and when to retry. */
        List<Map<String, Object>> details() {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("limit", scope);
            detail.put("perSecond", perSecond);
            detail.put("retryAfterSeconds", retryAfterSeconds);
            return List.of(detail);
        }
    }
}
