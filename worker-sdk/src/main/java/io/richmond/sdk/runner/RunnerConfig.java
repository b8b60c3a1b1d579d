package io.richmond.sdk.runner;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.worker.WorkerSettings;

/**
 * Everything a worker runner needs. Read from a properties file (see {@code config/worker-runner.properties}),
 * where each key may be overridden by an environment variable named after it ({@code amqp.uri} by
 * {@code RICHMOND_AMQP_URI}), and the command line overrides both.
 */
public record RunnerConfig(URI amqpUri, String exchange, int prefetch, String transport, int concurrency,
        Path workersDir, WorkerSettings workerSettings) {

    public static final URI DEFAULT_AMQP_URI = URI.create("amqp://guest:guest@127.0.0.1:5672/%2F");

    public RunnerConfig {
        if (prefetch < 1) {
            throw new IllegalArgumentException("amqp.prefetch must be at least 1, got " + prefetch);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
    }

    /** Reads the config file (if any) with the environment's overrides. */
    public static RunnerConfig load(Path file, Map<String, String> environment) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        Function<String, String> lookup = key -> {
            String fromEnvironment = environment.get(environmentName(key));
            return fromEnvironment != null ? fromEnvironment : properties.getProperty(key);
        };
        Map<String, String> workerSettings = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("worker.")) {
                workerSettings.put(key.substring("worker.".length()), lookup.apply(key));
            }
        }
        return new RunnerConfig(
                URI.create(orDefault(lookup.apply("amqp.uri"), DEFAULT_AMQP_URI.toString())),
                orDefault(lookup.apply("amqp.exchange"), Topology.DEFAULT_EXCHANGE),
                integer(lookup, "amqp.prefetch", 20),
                orDefault(lookup.apply("transport"), "truteq"),
                integer(lookup, "concurrency", 4),
                Path.of(orDefault(lookup.apply("workers.dir"), "workers")),
                new WorkerSettings(workerSettings));
    }

    public RunnerConfig withConcurrency(int newConcurrency) {
        return new RunnerConfig(amqpUri, exchange, prefetch, transport, newConcurrency, workersDir, workerSettings);
    }

    public RunnerConfig withTransport(String newTransport) {
        return new RunnerConfig(amqpUri, exchange, prefetch, newTransport, concurrency, workersDir, workerSettings);
    }

    public RunnerConfig withWorkersDir(Path newWorkersDir) {
        return new RunnerConfig(amqpUri, exchange, prefetch, transport, concurrency, newWorkersDir, workerSettings);
    }

    /** {@code amqp.uri} is overridden by {@code RICHMOND_AMQP_URI}. */
    static String environmentName(String key) {
        return "RICHMOND_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(Function<String, String> lookup, String key, int fallback) {
        String value = lookup.apply(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }
}
