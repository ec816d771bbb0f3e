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
    private static final Item STOP = new Item(List.of(), null);

    /** A durable batch, or a task to run between two batches (then the batch is empty). */
    private record Item(List<Event> batch, Runnable task) {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(1024);
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
            queue.put(new Item(events, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a task on the fanout thread after the batches queued so far, before later ones:
     * no consumer is called while it runs (e.g. a snapshot of what the consumers built).
     */
    public void runBetweenBatches(Runnable task) {
        try {
            queue.put(new Item(List.of(), task));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the fanout thread has ended (after {@link #close}). */
    public boolean stopped() {
        return !thread.isAlive();
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
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            if (item.task() != null) {
                try {
                    item.task().run();
                } catch (RuntimeException e) {
                    LOG.error("a task between event batches failed", e);
                }
                continue;
            }
            List<Event> batch = item.batch();
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
