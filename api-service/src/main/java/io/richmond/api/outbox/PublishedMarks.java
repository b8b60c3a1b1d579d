package io.richmond.api.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.richmond.sdk.amqp.TemporaryFailure;

/**
 * Marks confirmed rows ({@code published_at}, {@code handed_over_at}), the confirms of many publishes in one UPDATE.
 * One UPDATE per publish backs up under load, and a row left unmarked past the sweeper's {@code min-age} is
 * published again.
 * One drain runs at a time; it takes everything waiting, so the more confirms arrive, the larger its UPDATEs.
 */
public final class PublishedMarks<K> {

    /** Ids per UPDATE at most: PostgreSQL takes up to 65,535 bind parameters per statement. */
    private static final int MAX_IDS = 5_000;
    /** Tries of one UPDATE that fails for no fault of its own. */
    private static final int ATTEMPTS = 3;

    private record Waiting<K>(List<K> ids, CompletableFuture<Integer> marked) {
    }

    private final Function<Collection<K>, Integer> update;
    private final Executor executor;
    private final Queue<Waiting<K>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** @param update marks the ids it is given and answers how many rows it changed */
    public PublishedMarks(Function<Collection<K>, Integer> update, Executor executor) {
        this.update = update;
        this.executor = executor;
    }

    /** Completes with the number of ids once they are marked, or exceptionally when the UPDATE failed. */
    public CompletableFuture<Integer> mark(List<K> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Waiting<K> mark = new Waiting<>(ids, new CompletableFuture<>());
        waiting.add(mark);
        startDrain();
        return mark.marked();
    }

    private void startDrain() {
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Waiting<K>> batch = new ArrayList<>();
            List<K> ids = new ArrayList<>();
            for (Waiting<K> next = waiting.poll(); next != null; next = ids.size() < MAX_IDS ? waiting.poll() : null) {
                batch.add(next);
                ids.addAll(next.ids());
            }
            if (!batch.isEmpty()) {
                apply(batch, ids);
            }
        } finally {
            draining.set(false);
        }
        // A mark added after the last poll but before the flag was cleared started no drain of its own.
        if (!waiting.isEmpty()) {
            startDrain();
        }
    }

    private void apply(List<Waiting<K>> batch, List<K> ids) {
        for (int attempt = 1; ; attempt++) {
            try {
                update.apply(ids);
                batch.forEach(mark -> mark.marked().complete(mark.ids().size()));
                return;
            } catch (RuntimeException e) {
                // A deadlock or a dropped connection passes; a mark given up leaves its rows to be published again.
                if (attempt == ATTEMPTS || !TemporaryFailure.isTemporary(e)) {
                    batch.forEach(mark -> mark.marked().completeExceptionally(e));
                    return;
                }
            }
        }
    }
}
