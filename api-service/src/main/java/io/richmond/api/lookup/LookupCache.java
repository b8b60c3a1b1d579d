package io.richmond.api.lookup;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.richmond.api.AfterCommit;

/**
 * Answers of a lookup that rarely changes (keywords, number routes, callback URLs), kept for a short time so that
 * each inbound SMS does not ask PostgreSQL again. A change made through this process empties the cache when its
 * transaction commits (not before, or a concurrent reader could cache the old row again); a change made by another
 * process is seen after {@code ttl}.
 */
public final class LookupCache<K, V> {

    private final Cache<K, V> cache;

    public LookupCache(Duration ttl, long maximumSize) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    public V get(K key, Function<? super K, ? extends V> lookup) {
        return cache.get(key, lookup);
    }

    /** Forgets everything once the current transaction commits, or now when there is none. */
    public void invalidateAfterCommit() {
        AfterCommit.run(cache::invalidateAll);
    }
}
