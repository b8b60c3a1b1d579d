package io.richmond.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;

class PublishedMarksTest {

    private final List<List<Long>> updates = new ArrayList<>();

    @Test
    void marksTheIdsOfEveryWaitingPublishInOneUpdate() throws Exception {
        PublishedMarks<Long> marks = new PublishedMarks<>(this::record, Runnable::run);

        assertThat(marks.mark(List.of(1L, 2L)).get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(marks.mark(List.of()).get(5, TimeUnit.SECONDS)).isZero();
        assertThat(updates).containsExactly(List.of(1L, 2L));
    }

    @Test
    void anUpdateLostToADeadlockIsTriedAgain() throws Exception {
        List<RuntimeException> failures = new ArrayList<>(List.of(deadlock(), deadlock()));
        PublishedMarks<Long> marks = new PublishedMarks<>(ids -> {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            return record(ids);
        }, Runnable::run);

        assertThat(marks.mark(List.of(7L)).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(updates).containsExactly(List.of(7L));
    }

    @Test
    void aDeadlockEveryTimeGivesUpAfterThreeTries() {
        int[] tries = {0};
        PublishedMarks<Long> marks = new PublishedMarks<>(ids -> {
            tries[0]++;
            throw deadlock();
        }, Runnable::run);

        CompletableFuture<Integer> marked = marks.mark(List.of(7L));

        assertThatThrownBy(() -> marked.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CannotAcquireLockException.class);
        assertThat(tries[0]).isEqualTo(3);
    }

    @Test
    void aFailureOfTheRowsOwnIsNotTriedAgain() {
        int[] tries = {0};
        PublishedMarks<Long> marks = new PublishedMarks<>(ids -> {
            tries[0]++;
            throw new DataIntegrityViolationException("not this row",
                    new SQLException("value too long", "22001"));
        }, Runnable::run);

        assertThatThrownBy(() -> marks.mark(List.of(7L)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(tries[0]).isEqualTo(1);
    }

    private int record(Collection<Long> ids) {
        updates.add(List.copyOf(ids));
        return ids.size();
    }

    private static RuntimeException deadlock() {
        return new CannotAcquireLockException("deadlock", new SQLException("deadlock detected", "40P01"));
    }
}
