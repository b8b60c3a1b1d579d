package io.richmond.sdk.worker;

import java.util.Map;
import java.util.Optional;

/** A worker's own settings: the {@code worker.*} keys of the runner's config file, without the prefix. */
public record WorkerSettings(Map<String, String> values) {

    public WorkerSettings {
        values = Map.copyOf(values);
    }

    public static WorkerSettings empty() {
        return new WorkerSettings(Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(
                "worker setting '" + key + "' is missing: add worker." + key + "=... to the config file"));
    }
}
