package io.richmond.sdk.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BatcherTest {

    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @Test
    void anIdleBatcherHandlesAnItemAtOnce() throws Exception {
        try (Batcher<Integer, String> batcher = new Batcher<>("idle", 10, 1, this::record)) {
            assertThat(batcher.submit(7).get(5, TimeUnit.SECONDS)).isEqualTo("7!");
        }
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void itemsThatArriveWhileABatchIsHandledMakeTheNextBatch() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Batcher<Integer, String> batcher = new Batcher<>("gathering", 3, 1, items -> {
            if (items.contains(0)) {
                started.countDown();
                release.await();
            }
            return record(items);
        })) {
            CompletableFuture<String> first = batcher.submit(0);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> waiting = IntStream.rangeClosed(1, 5).mapToObj(batcher::submit).toList();
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("0!");
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).isEqualTo((i + 1) + "!");
            }
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
    }

    @Test
    void aFailingBatchIsHandledAgainAnItemAtATimeSoOnlyTheCulpritFails() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Batcher<Integer, String> batcher = new Batcher<>("culprit", 10, 1, items -> {
            if (items.contains(0)) {
                started.countDown();
                release.await();
            }
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is unlucky");
            }
            return record(items);
        })) {
            CompletableFuture<String> first = batcher.submit(0);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> rest = List.of(batcher.submit(12), batcher.submit(13), batcher.submit(14));
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(rest.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("12!");
            assertThat(rest.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("14!");
            assertThatThrownBy(() -> rest.get(1).get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("13 is unlucky");
        }
        assertThat(batches).containsExactly(List.of(0), List.of(12), List.of(14));
    }

    @Test
    void aBatchThatFailsForNoItemsFaultFailsWholeInsteadOfEachItemWaitingOutTheSameFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Batcher<Integer, String> batcher = new Batcher<>("database-down", 10, 1, items -> {
            calls.incrementAndGet();
            if (items.contains(0)) {
                started.countDown();
                release.await();
                return record(items);
            }
            throw new SQLTransientConnectionException("Connection is not available, request timed out");
        })) {
            CompletableFuture<String> first = batcher.submit(0);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> rest = List.of(batcher.submit(1), batcher.submit(2), batcher.submit(3));
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(rest).allSatisfy(outcome -> assertThatThrownBy(() -> outcome.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLTransientConnectionException.class));
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void anAnswerOfTheWrongSizeFailsItsItemsRatherThanMisplacingOutcomes() {
        try (Batcher<Integer, String> batcher = new Batcher<>("short", 10, 1, items -> List.of())) {
            assertThatThrownBy(() -> batcher.submit(1).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("0 outcomes for 1 items");
        }
    }

    @Test
    void closeFinishesWhatWasSubmittedAndRefusesWhatComesAfter() throws Exception {
        List<CompletableFuture<String>> submitted = new ArrayList<>();
        Batcher<Integer, String> batcher = new Batcher<>("closing", 4, 2, this::record);
        for (int i = 0; i < 1_000; i++) {
            submitted.add(batcher.submit(i));
        }
        batcher.close();
        for (int i = 0; i < submitted.size(); i++) {
            assertThat(submitted.get(i)).isCompletedWithValue(i + "!");
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 4));
        assertThatThrownBy(() -> batcher.submit(1_000).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void refusesNonsenseSizes() {
        assertThatThrownBy(() -> new Batcher<Integer, String>("none", 0, 1, this::record))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Batcher<Integer, String>("none", 1, 0, this::record))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> record(List<Integer> items) {
        batches.add(List.copyOf(items));
        return items.stream().map(item -> item + "!").toList();
    }
}
