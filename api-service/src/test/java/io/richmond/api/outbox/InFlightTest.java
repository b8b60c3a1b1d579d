package io.richmond.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class InFlightTest {

    private final MutableClock clock = new MutableClock();
    private final InFlight<Long> inFlight = new InFlight<>(clock);

    @Test
    void rowsAreInFlightUntilTheirPublishCompletes() {
        CompletableFuture<Integer> publish = new CompletableFuture<>();

        inFlight.during(List.of(1L, 2L), () -> publish);

        assertThat(inFlight.contains(1L)).isTrue();
        assertThat(inFlight.contains(2L)).isTrue();
        assertThat(inFlight.contains(3L)).isFalse();
        publish.complete(2);
        assertThat(inFlight.contains(1L)).isFalse();
        assertThat(inFlight.contains(2L)).isFalse();
    }

    @Test
    void aFailedPublishLetsTheSweeperHaveItsRows() {
        CompletableFuture<Integer> publish = new CompletableFuture<>();
        inFlight.during(List.of(1L), () -> publish);

        publish.completeExceptionally(new IllegalStateException("marking failed"));

        assertThat(inFlight.contains(1L)).isFalse();
    }

    @Test
    void aPublishThatThrowsLeavesNothingInFlight() {
        assertThatThrownBy(() -> inFlight.during(List.of(1L), () -> {
            throw new IllegalStateException("no channel");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(inFlight.contains(1L)).isFalse();
    }

    @Test
    void aPublishThatNeverCompletesHoldsItsRowsOnlyForAWhile() {
        inFlight.during(List.of(1L), CompletableFuture::new);

        clock.advance(InFlight.PATIENCE.minusSeconds(1));
        assertThat(inFlight.contains(1L)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(inFlight.contains(1L)).isFalse();
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-23T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
