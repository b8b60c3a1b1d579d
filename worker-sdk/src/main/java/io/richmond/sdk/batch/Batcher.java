package io.richmond.sdk.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.amqp.TemporaryFailure;

/**
 * Handles items that arrive together as one batch, so that concurrent callers share one database transaction (or
 * one round trip) instead of paying for one each.
 *
 * <p>There is no timer: a batch is whatever arrived while the previous batch was being handled, up to
 * {@code maxSize}. An idle batcher handles an item at once; a busy one gathers larger batches the busier it is.
 *
 * <p>A batch whose handler throws is handled again an item at a time, so that only the item at fault fails and the
 * others succeed as they would have alone; unless the failure is no item's fault ({@link TemporaryFailure#isTemporary},
 * the database restarting, say): then every item fails at once, rather than each waiting out the same failure
 * alone. {@link #close} stops taking items and finishes those already taken.
 *
 * <pre>{@code
 * Batcher<Event, Applied> acks = new Batcher<>("acks", 500, 2, tracker::applyAll);
 * acks.submit(event).thenAccept(applied -> ...);
 * }</pre>
 *
 * @param <I> what callers submit
 * @param <O> what each item's handling gives back
 */
public final class Batcher<I, O> implements AutoCloseable {

    /** Handles a batch and answers one outcome per item, in the items' order. */
    @FunctionalInterface
    public interface BatchHandler<I, O> {
        List<O> handle(List<I> items) throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(Batcher.class);

    /** How often an idle thread looks whether the batcher closed. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);

    private final String name;
    private final int maxSize;
    private final BatchHandler<I, O> handler;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param name    names the threads and the log lines
     * @param maxSize the most items one batch holds
     * @param threads how many batches may be handled at once; with two, one batch gathers while the other commits
     */
    public Batcher(String name, int maxSize, int threads, BatchHandler<I, O> handler) {
        if (maxSize < 1 || threads < 1) {
            throw new IllegalArgumentException("maxSize and threads must be at least 1, got " + maxSize + " and "
                    + threads);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.maxSize = maxSize;
        this.handler = Objects.requireNonNull(handler, "handler");
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::run, name + "-batch-" + (i + 1));
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** The item's outcome once its batch is handled; failed if the batcher is closed. */
    public CompletableFuture<O> submit(I item) {
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        synchronized (this) {
            if (!closed) {
                queue.add(pending);
                return pending.outcome;
            }
        }
        pending.outcome.completeExceptionally(new IllegalStateException("the " + name + " batcher is closed"));
        return pending.outcome;
    }

    /** Takes no more items, and waits for those already submitted to be handled. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxSize);
        while (true) {
            Pending<I, O> first;
            try {
                first = queue.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                // Once closed is seen, no submit can add an item any more: the queue only shrinks.
                if (closed && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxSize - 1);
            handle(batch);
            batch.clear();
        }
    }

    private void handle(List<Pending<I, O>> batch) {
        try {
            complete(batch, handler.handle(batch.stream().map(Pending::item).toList()));
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            if (batch.size() == 1 || TemporaryFailure.isTemporary(e)) {
                batch.forEach(pending -> pending.outcome.completeExceptionally(e));
                return;
            }
            log.debug("{}: a batch of {} failed ({}); handling its items one at a time", name, batch.size(),
                    e.toString());
            for (Pending<I, O> alone : batch) {
                handle(List.of(alone));
            }
        }
    }

    private void complete(List<Pending<I, O>> batch, List<O> outcomes) {
        if (outcomes == null || outcomes.size() != batch.size()) {
            throw new IllegalStateException("the " + name + " handler answered " + (outcomes == null ? "nothing"
                    : outcomes.size() + " outcomes") + " for " + batch.size() + " items");
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).outcome.complete(outcomes.get(i));
        }
    }

    private record Pending<I, O>(I item, CompletableFuture<O> outcome) {
    }
}
