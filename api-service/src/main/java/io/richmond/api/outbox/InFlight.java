package io.richmond.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rows this process has published and not yet marked. Under load a confirm, or the UPDATE that records it, can
 * take longer than the sweeper's {@code min-age}; publishing those rows again would send every such SMS twice. The
 * sweeper leaves them to the publish under way, for at most {@link #PATIENCE}: a publish that never completes must
 * not hold its rows back for ever.
 */
final class InFlight<K> {

    static final Duration PATIENCE = Duration.ofMinutes(1);

    private final Map<K, Instant> since = new ConcurrentHashMap<>();
    private final Clock clock;

    InFlight(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code publish}, counting {@code ids} in flight until the future it returns completes, however. */
    <T> CompletableFuture<T> during(Collection<K> ids, Supplier<CompletableFuture<T>> publish) {
        Instant now = clock.instant();
        ids.forEach(id -> since.put(id, now));
        CompletableFuture<T> published;
        try {
            published = publish.get();
        } catch (RuntimeException e) {
            ids.forEach(since::remove);
            throw e;
        }
        return published.whenComplete((result, failure) -> ids.forEach(since::remove));
    }

    boolean contains(K id) {
        Instant started = since.get(id);
        return started != null && started.isAfter(clock.instant().minus(PATIENCE));
    }
}
