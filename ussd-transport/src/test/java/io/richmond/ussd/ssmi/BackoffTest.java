package io.richmond.ussd.ssmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void startsAtTheInitialDelayDoublesAndCaps() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void resetGoesBackToTheInitialDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        backoff.next();
        backoff.next();

        backoff.reset();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void delaysReadWellInLogLines() {
        assertThat(Durations.describe(Duration.ofSeconds(4))).isEqualTo("4 s");
        assertThat(Durations.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
    }
}
