package io.richmond.callbacks.http;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A semaphore per host that never blocks a thread: a permit is a future, completed at once or when another request
 * to the host finishes. The waiting line is bounded, so a slow host cannot hold every delivery the consumers took.
 * <p>
 * The bound is {@code per-host-queue}, or as many requests as the host answered in the last full second if that is
 * more: a place in such a line comes up within about a second, so a fast host keeps the deliveries of a burst
 * instead of sending them round the delay queue, while a slow one still holds no more than the floor.
 */
public final class HostLimiter {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int permits;
    private final int queueLimit;
    private final LongSupplier nanoTime;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public HostLimiter(int permits, int queueLimit) {
        this(permits, queueLimit, System::nanoTime);
    }

    HostLimiter(int permits, int queueLimit, LongSupplier nanoTime) {
        if (permits < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("per-host-concurrency must be at least 1 and per-host-queue at least"
                    + " 0, got " + permits + " and " + queueLimit);
        }
        this.permits = permits;
        this.queueLimit = queueLimit;
        this.nanoTime = nanoTime;
    }

    /** A permit for {@code host}, now or later; empty when the host's waiting line is full. */
    public Optional<CompletableFuture<Void>> acquire(String host) {
        @SuppressWarnings("unchecked")
        Optional<CompletableFuture<Void>>[] permit = new Optional[1];
        long now = nanoTime.getAsLong();
        // compute is atomic per key: no permit is counted on an entry another thread is removing.
        hosts.compute(host, (key, state) -> {
            Host current = state == null ? new Host(now) : state;
            if (current.inUse < permits) {
                current.inUse++;
                permit[0] = Optional.of(CompletableFuture.completedFuture(null));
            } else if (current.waiting.size() < Math.max(queueLimit, current.answeredLastSecond(now))) {
                CompletableFuture<Void> later = new CompletableFuture<>();
                current.waiting.add(later);
                permit[0] = Optional.of(later);
            } else {
                permit[0] = Optional.empty();
            }
            return current;
        });
        return permit[0];
    }

    /**
     * Counts an answer, and gives the permit to the next in line or back. A host with none in use and none waiting
     * is forgotten, and with it what it answered: after a pause a burst starts from the floor again.
     */
    public void release(String host) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] next = new CompletableFuture[1];
        long now = nanoTime.getAsLong();
        hosts.computeIfPresent(host, (key, state) -> {
            state.answered(now);
            next[0] = state.waiting.poll();
            if (next[0] == null) {
                state.inUse--;
            }
            return state.inUse == 0 && state.waiting.isEmpty() ? null : state;
        });
        if (next[0] != null) {
            // Outside compute: the waiter's continuation starts its request on this thread.
            next[0].complete(null);
        }
    }

    private static final class Host {
        private int inUse;
        private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
        private long secondStart;
        private int answeredThisSecond;
        private int answeredLastSecond;

        private Host(long now) {
            secondStart = now;
        }

        private void answered(long now) {
            roll(now);
            answeredThisSecond++;
        }

        private int answeredLastSecond(long now) {
            roll(now);
            return answeredLastSecond;
        }

        private void roll(long now) {
            long seconds = (now - secondStart) / SECOND;
            if (seconds > 0) {
                answeredLastSecond = seconds == 1 ? answeredThisSecond : 0;
                answeredThisSecond = 0;
                secondStart += seconds * SECOND;
            }
        }
    }
}
