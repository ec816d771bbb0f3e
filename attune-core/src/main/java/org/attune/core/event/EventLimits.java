package org.attune.core.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The documented limits on incoming events. Values above a limit are refused with a
 * clear reason rather than truncated.
 *
 * @param maxBodyBytes largest request body accepted by {@code POST /v1/events} (larger: HTTP 413)
 * @param maxBatchSize most records in one request (more: HTTP 413)
 * @param maxIdLength longest eventId, anonymousId, userId or item id
 * @param maxTypeLength longest event type name
 * @param maxItemIds most product ids in one event
 * @param maxPropertyDepth deepest nesting of objects and arrays inside properties or context
 * @param maxPropertyNodes most JSON values inside properties and context together
 * @param maxStringLength longest string value inside properties or context
 * @param maxFutureSkew how far in the future a timestamp may lie
 * @param eventIdWindow how long after it was received an eventId is recognised as a repeat at
 *     least (at most twice as long); zero for ever. Memory grows with the ids received in
 *     this time, about 27 bytes each (54 at worst)
 * @see #EARLIEST_TIMESTAMP
 */
public record EventLimits(long maxBodyBytes, int maxBatchSize, int maxIdLength, int maxTypeLength, int maxItemIds,
                          int maxPropertyDepth, int maxPropertyNodes, int maxStringLength, Duration maxFutureSkew,
                          Duration eventIdWindow) {

    /**
     * The earliest event timestamp accepted: 1970-01-01T00:00:00Z. Behaviour logged before
     * the Unix epoch does not exist, while real public data sets start in the 1990s
     * (MovieLens 1995), so the bound refuses only mistakes and attacks, such as
     * {@code Long.MIN_VALUE} milliseconds or the year -999999999, whose arithmetic overflows
     * further on (the store's microsecond timestamps, time decay). Together with
     * {@link #maxFutureSkew} this keeps every accepted time within a few hundred years of
     * now. Not configurable: nothing legitimate lies before it.
     */
    public static final Instant EARLIEST_TIMESTAMP = Instant.EPOCH;

    /** The default {@link #eventIdWindow}: retries and re-sent files within a month are recognised. */
    public static final Duration DEFAULT_EVENT_ID_WINDOW = Duration.ofDays(30);

    public static final EventLimits DEFAULTS = new EventLimits(
            16L * 1024 * 1024, 10_000, 256, 64, 100, 8, 1_000, 10_000, Duration.ofHours(24), DEFAULT_EVENT_ID_WINDOW);

    public EventLimits {
        if (maxBodyBytes < 1024 || maxBatchSize < 1 || maxIdLength < 8 || maxTypeLength < 8 || maxItemIds < 1
                || maxPropertyDepth < 1 || maxPropertyNodes < 1 || maxStringLength < 16 || maxFutureSkew.isNegative()
                || eventIdWindow.isNegative()) {
            throw new IllegalArgumentException("event limits out of range: " + this);
        }
    }

    /** These limits with the default {@link #eventIdWindow}. */
    public EventLimits(long maxBodyBytes, int maxBatchSize, int maxIdLength, int maxTypeLength, int maxItemIds,
                       int maxPropertyDepth, int maxPropertyNodes, int maxStringLength, Duration maxFutureSkew) {
        this(maxBodyBytes, maxBatchSize, maxIdLength, maxTypeLength, maxItemIds, maxPropertyDepth, maxPropertyNodes,
                maxStringLength, maxFutureSkew, DEFAULT_EVENT_ID_WINDOW);
    }

    /** These limits with another {@link #eventIdWindow}. */
    public EventLimits withEventIdWindow(Duration window) {
        return new EventLimits(maxBodyBytes, maxBatchSize, maxIdLength, maxTypeLength, maxItemIds, maxPropertyDepth,
                maxPropertyNodes, maxStringLength, maxFutureSkew, window);
    }
}
