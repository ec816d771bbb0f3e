package org.attune.core.ingest;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.attune.core.event.Event;
import org.attune.core.eventlog.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each durable batch, in sequence order, to in-memory consumers on its own thread
 * so that their work never delays an acknowledgement. The queue is bounded: a consumer
 * that falls far behind slows ingestion down rather than exhausting memory.
 */
public final class EventFanout implements EventLog.DurableBatchListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventFanout.class);
    private static final List<Event> STOP = List.of();

    private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(1024);
    private final List<Consumer<List<Event>>> consumers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile long deliveredThrough;

    public EventFanout() {
        thread = new Thread(this::run, "event-fanout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Adds a consumer; it is called on the fanout thread, one batch at a time. */
    public void subscribe(Consumer<List<Event>> consumer) {
        consumers.add(consumer);
    }

    @Override
    public void durable(List<Event> events) {
        try {
            queue.put(events);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Highest sequence number every consumer has seen. */
    public long deliveredThrough() {
        return deliveredThrough;
    }

    public int backlog() {
        return queue.size();
    }

    private void run() {
        while (true) {
            List<Event> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == STOP) {
                return;
            }
            for (Consumer<List<Event>> consumer : consumers) {
                try {
                    consumer.accept(batch);
                } catch (RuntimeException e) {
                    LOG.error("event consumer failed on a batch", e);
                }
            }
            deliveredThrough = batch.get(batch.size() - 1).seq();
        }
    }

    @Override
    public void close() {
        try {
            queue.put(STOP);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
