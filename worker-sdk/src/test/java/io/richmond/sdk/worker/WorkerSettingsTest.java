package io.richmond.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    private final WorkerSettings settings = new WorkerSettings(Map.of("greeting", "Hello", "menu.size", "5"));

    @Test
    void givesEachValueByItsKey() {
        assertThat(settings.get("greeting")).contains("Hello");
        assertThat(settings.get("menu.size", "9")).isEqualTo("5");
        assertThat(settings.require("greeting")).isEqualTo("Hello");
    }

    @Test
    void aMissingKeyIsEmptyOrTheFallback() {
        assertThat(settings.get("farewell")).isEmpty();
        assertThat(settings.get("farewell", "Bye")).isEqualTo("Bye");
        assertThat(WorkerSettings.empty().values()).isEmpty();
    }

    @Test
    void requireNamesTheMissingKeyAndWhereToSetIt() {
        assertThatThrownBy(() -> settings.require("farewell"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'farewell'")
                .hasMessageContaining("worker.farewell=");
    }

    @Test
    void isACopyThatNobodyCanChange() {
        Map<String, String> values = new HashMap<>(Map.of("greeting", "Hello"));
        WorkerSettings copy = new WorkerSettings(values);

        values.put("greeting", "changed");

        assertThat(copy.require("greeting")).isEqualTo("Hello");
        assertThatThrownBy(() -> copy.values().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsMissingValues() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("greeting", null);

        assertThatThrownBy(() -> new WorkerSettings(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WorkerSettings(withNull)).isInstanceOf(NullPointerException.class);
    }
}
