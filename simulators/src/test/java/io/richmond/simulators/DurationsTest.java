package io.richmond.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "2s, PT2S", "1m, PT1M", "1h, PT1H", "0, PT0S", "PT3S, PT3S", "' 2S ', PT2S"})
    void readsWhatPeopleType(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "2", "2 s", "1d", "-1s", "PT-1S", "s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({"PT2S, 2s", "PT0.5S, 500ms", "PT1.5S, 1500ms", "PT90S, 1m30s", "PT1H, 1h", "PT0S, 0ms"})
    void describesShortly(Duration duration, String expected) {
        assertThat(Durations.describe(duration)).isEqualTo(expected);
    }
}
