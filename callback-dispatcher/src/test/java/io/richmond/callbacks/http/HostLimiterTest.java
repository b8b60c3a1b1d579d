package io.richmond.callbacks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class HostLimiterTest {

    private static final String HOST = "https://customer.example:443";

    private final AtomicLong clock = new AtomicLong(TimeUnit.HOURS.toNanos(5));
    private final HostLimiter limiter = new HostLimiter(2, 3, clock::get);

    @Test
    void permitsAreGivenAtOnceThenInLineUntilTheLineIsFull() {
        List<Optional<CompletableFuture<Void>>> permits = acquire(HOST, 6);

        assertThat(permits.subList(0, 2)).allSatisfy(permit -> assertThat(permit).hasValueSatisfying(
                future -> assertThat(future).isCompleted()));
        assertThat(permits.subList(2, 5)).allSatisfy(permit -> assertThat(permit).hasValueSatisfying(
                future -> assertThat(future).isNotDone()));
        assertThat(permits.get(5)).isEmpty();
    }

    @Test
    void aReleasedPermitGoesToTheFirstInLine() {
        List<Optional<CompletableFuture<Void>>> permits = acquire(HOST, 4);

        limiter.release(HOST);

        assertThat(permits.get(2).orElseThrow()).isCompleted();
        assertThat(permits.get(3).orElseThrow()).isNotDone();
    }

    @Test
    void anotherHostHasItsOwnPermitsAndLine() {
        acquire(HOST, 6);

        assertThat(limiter.acquire("https://other.example:443")).hasValueSatisfying(
                future -> assertThat(future).isCompleted());
    }

    @Test
    void aHostThatAnsweredMoreThanTheLineInTheLastSecondGetsALineAsLong() {
        List<Optional<CompletableFuture<Void>>> permits = acquire(HOST, 5);
        answer(10);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_100));

        // Each answer let the first in line go and put another in line: 3 wait, and the line may hold 10.
        assertThat(permits.subList(2, 5)).allSatisfy(permit -> assertThat(permit.orElseThrow()).isCompleted());
        List<Optional<CompletableFuture<Void>>> more = acquire(HOST, 8);
        assertThat(more.subList(0, 7)).allSatisfy(permit -> assertThat(permit).isPresent());
        assertThat(more.get(7)).isEmpty();
    }

    @Test
    void theLineFallsBackToTheFloorWhenTheHostSlowsDown() {
        acquire(HOST, 2);
        answer(10);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_100));
        acquire(HOST, 2);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));

        // Nothing answered in the last full second: 2 wait, and the line is back to per-host-queue (3).
        List<Optional<CompletableFuture<Void>>> line = acquire(HOST, 2);
        assertThat(line.get(0)).isPresent();
        assertThat(line.get(1)).isEmpty();
    }

    @Test
    void answersOfTheCurrentSecondDoNotCountYet() {
        acquire(HOST, 5);
        answer(10);

        assertThat(limiter.acquire(HOST)).isEmpty();
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> new HostLimiter(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-host-concurrency");
        assertThatThrownBy(() -> new HostLimiter(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("per-host-queue");
    }

    /** Answers {@code count} requests, each handing its permit on and the next request taking it. */
    private void answer(int count) {
        for (int i = 0; i < count; i++) {
            limiter.release(HOST);
            limiter.acquire(HOST);
        }
    }

    private List<Optional<CompletableFuture<Void>>> acquire(String host, int count) {
        List<Optional<CompletableFuture<Void>>> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(limiter.acquire(host));
        }
        return permits;
    }
}
