package io.richmond.callbacks.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.richmond.callbacks.DispatcherProperties;

/**
 * The accounts' signing secrets, read from api-service's {@code account} table rather than carried in the jobs:
 * a secret in a job would sit in the outbox table, in the broker and in the dead-letter queue, and a rotation
 * would not reach deliveries already on their way. Cached for {@code secret-cache-ttl}, so that thousands of
 * callbacks a second do not each read it.
 */
@Component
public class AccountSecrets {

    private final JdbcTemplate jdbc;
    private final ExecutorService executor;
    private final Clock clock;
    private final DispatcherProperties properties;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    AccountSecrets(JdbcTemplate jdbc, @Qualifier("storeExecutor") ExecutorService executor, Clock clock,
            DispatcherProperties properties) {
        this.jdbc = jdbc;
        this.executor = executor;
        this.clock = clock;
        this.properties = properties;
    }

    /** The account's secret; empty when the account no longer exists. */
    public CompletableFuture<Optional<String>> secret(long accountId) {
        Cached cached = cache.get(accountId);
        if (cached != null && cached.until().isAfter(clock.instant())) {
            return CompletableFuture.completedFuture(Optional.of(cached.secret()));
        }
        return CompletableFuture.supplyAsync(() -> {
            List<String> found = jdbc.queryForList("select callback_secret from account where id = ?", String.class,
                    accountId);
            if (found.isEmpty()) {
                cache.remove(accountId);
                return Optional.empty();
            }
            cache.put(accountId, new Cached(found.get(0), clock.instant().plus(properties.secretCacheTtl())));
            return Optional.of(found.get(0));
        }, executor);
    }

    private record Cached(String secret, Instant until) {
    }
}
