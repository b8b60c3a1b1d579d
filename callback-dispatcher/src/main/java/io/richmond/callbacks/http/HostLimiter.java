package io.richmond.callbacks.http;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A semaphore per host that never blocks a thread: a permit is a future, completed at once or when another request
 * to the host finishes. The waiting line is bounded, so a slow host cannot hold every delivery the consumers took.
 */
public final class HostLimiter {

    private final int permits;
    private final int queueLimit;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    public HostLimiter(int permits, int queueLimit) {
        if (permits < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("per-host-concurrency must be at least 1 and per-host-queue at least"
                    + " 0, got " + permits + " and " + queueLimit);
        }
        this.permits = permits;
        this.queueLimit = queueLimit;
    }

    /** A permit for {@code host}, now or later; empty when the host's waiting line is full. */
    public Optional<CompletableFuture<Void>> acquire(String host) {
        @SuppressWarnings("unchecked")
        Optional<CompletableFuture<Void>>[] permit = new Optional[1];
        // compute is atomic per key: no permit is counted on an entry another thread is removing.
        hosts.compute(host, (key, state) -> {
            Host current = state == null ? new Host() : state;
            if (current.inUse < permits) {
                current.inUse++;
                permit[0] = Optional.of(CompletableFuture.completedFuture(null));
            } else if (current.waiting.size() < queueLimit) {
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

    /** Gives the permit to the next in line, or back; a host with none in use and none waiting is forgotten. */
    public void release(String host) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] next = new CompletableFuture[1];
        hosts.computeIfPresent(host, (key, state) -> {
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
    }
}
