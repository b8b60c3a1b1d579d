package io.richmond.api.account;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.richmond.api.AfterCommit;

/**
 * The accounts HTTP Basic authenticates against, by username, kept for {@code ttl} so that a client sending request
 * after request does not make each one read PostgreSQL. An unknown username is remembered as unknown for as long.
 *
 * <p>A change made through this process forgets its username once its transaction commits (not before, or a
 * concurrent request could remember the old row again); a change made by another process (the {@code accounts}
 * command) is seen after {@code ttl}. Unlike {@link io.richmond.api.lookup.LookupCache}, it forgets one username,
 * including a lookup still under way, and the lookup runs outside the cache's locks: concurrent misses of one
 * username share it, and while PostgreSQL is slow to answer, requests for other usernames are not held up.
 */
final class PrincipalCache {

    /**
     * What one lookup found, or how it failed. A failure is handed to the requests that waited for the lookup and
     * never remembered; it is a value rather than a failed future, which Caffeine would log with its stack trace on
     * every request while PostgreSQL is down.
     */
    private record Lookup(Optional<AccountPrincipal> found, Throwable failure) {

        Optional<AccountPrincipal> principal() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return found;
        }
    }

    private final AsyncCache<String, Lookup> principals;

    PrincipalCache(Duration ttl, long maximumSize) {
        this.principals = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).buildAsync();
    }

    /**
     * The remembered account, else what {@code lookup} finds, which is remembered unless it throws (the database
     * could not be read, say): then every request that waited for that lookup fails the same way, and the next one
     * looks again.
     */
    Optional<AccountPrincipal> get(String username, Function<String, Optional<AccountPrincipal>> lookup) {
        CompletableFuture<Lookup> mine = new CompletableFuture<>();
        CompletableFuture<Lookup> known = principals.asMap().putIfAbsent(username, mine);
        if (known != null) {
            return known.join().principal();
        }
        try {
            Optional<AccountPrincipal> found = lookup.apply(username);
            mine.complete(new Lookup(found, null));
            return found;
        } catch (RuntimeException | Error e) {
            principals.asMap().remove(username, mine);
            mine.complete(new Lookup(null, e));
            throw e;
        }
    }

    /** Forgets the username once the current transaction commits, or now when there is none. */
    void forgetAfterCommit(String username) {
        AfterCommit.run(() -> principals.synchronous().invalidate(username));
    }
}
