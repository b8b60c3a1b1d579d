package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class PrincipalCacheTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final AccountPrincipal ALICE = new AccountPrincipal(1, "alice", "$2a$04$old", null);
    private static final AccountPrincipal ALICE_CHANGED = new AccountPrincipal(1, "alice", "$2a$04$new", 5);

    /** The accounts table as a lookup sees it, counting the lookups. */
    private static final class Table implements Function<String, Optional<AccountPrincipal>> {

        private final AtomicReference<Optional<AccountPrincipal>> row = new AtomicReference<>(Optional.empty());
        private final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<AccountPrincipal> apply(String username) {
            lookups.incrementAndGet();
            return row.get();
        }
    }

    private final Table table = new Table();

    @Test
    void aRememberedAccountIsNotLookedUpAgain() {
        PrincipalCache cache = new PrincipalCache(Duration.ofMinutes(1), 100);
        table.row.set(Optional.of(ALICE));

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get("alice", table)).contains(ALICE);
        }
        assertThat(table.lookups).hasValue(1);
    }

    @Test
    void aForgottenAccountIsLookedUpAgain() {
        PrincipalCache cache = new PrincipalCache(Duration.ofMinutes(1), 100);
        table.row.set(Optional.of(ALICE));
        assertThat(cache.get("alice", table)).contains(ALICE);
        table.row.set(Optional.of(ALICE_CHANGED));

        cache.forgetAfterCommit("alice");

        assertThat(cache.get("alice", table)).contains(ALICE_CHANGED);
        assertThat(table.lookups).hasValue(2);
    }

    @Test
    void anUnknownUsernameIsRememberedOnlyForTheTtl() {
        PrincipalCache cache = new PrincipalCache(Duration.ofMillis(500), 100);
        assertThat(cache.get("alice", table)).isEmpty();

        table.row.set(Optional.of(ALICE));

        assertThat(cache.get("alice", table)).as("remembered as unknown").isEmpty();
        await().atMost(DEADLINE).until(() -> cache.get("alice", table).isPresent());
    }

    @Test
    void aLookupThatFailsIsNotRememberedAndFailsWithItsOwnException() {
        PrincipalCache cache = new PrincipalCache(Duration.ofMinutes(1), 100);
        Function<String, Optional<AccountPrincipal>> down = username -> {
            throw new DataAccessResourceFailureException("PostgreSQL is down");
        };

        assertThatThrownBy(() -> cache.get("alice", down)).isInstanceOf(DataAccessResourceFailureException.class);
        table.row.set(Optional.of(ALICE));

        assertThat(cache.get("alice", table)).contains(ALICE);
    }

    @Test
    void aChangeCommittedDuringALookupKeepsThatLookupsAnswerOutOfTheCache() throws Exception {
        PrincipalCache cache = new PrincipalCache(Duration.ofMinutes(1), 100);
        CountDownLatch inLookup = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        Function<String, Optional<AccountPrincipal>> slowRead = username -> {
            inLookup.countDown();
            try {
                assertThat(committed.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Optional.of(ALICE);
        };
        CompletableFuture<Optional<AccountPrincipal>> reading = CompletableFuture.supplyAsync(
                () -> cache.get("alice", slowRead));
        assertThat(inLookup.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        table.row.set(Optional.of(ALICE_CHANGED));
        cache.forgetAfterCommit("alice");
        committed.countDown();

        assertThat(reading.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).contains(ALICE);
        assertThat(cache.get("alice", table)).contains(ALICE_CHANGED);
    }
}
