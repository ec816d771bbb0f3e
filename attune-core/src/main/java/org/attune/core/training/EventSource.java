package org.attune.core.training;

import java.util.function.Consumer;
import org.attune.core.event.Event;

/** Where training reads events from: the durable log, in order. */
public interface EventSource {

    /** The highest sequence number durable now. */
    long lastSeq();

    /** Hands every event up to and including {@code throughSeq} to {@code sink}, in log order. */
    void read(long throughSeq, Consumer<Event> sink);
}
