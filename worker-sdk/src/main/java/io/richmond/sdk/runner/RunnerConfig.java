package io.richmond.sdk.runner;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

import io.richmond.sdk.amqp.AmqpConnections;
import io.richmond.sdk.amqp.Topology;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.worker.WorkerSettings;

/**
 * Everything a worker runner needs. Read from a properties file (see {@code config/worker-runner.properties}),
 * where each key may be overridden by an environment variable named after it ({@code amqp.uri} by
 * {@code RICHMOND_AMQP_URI}), and the command line overrides both.
 */
public record RunnerConfig(URI amqpUri, String exchange, int prefetch, String transport, int concurrency,
        Path workersDir, WorkerSettings workerSettings) {

    public static final URI DEFAULT_AMQP_URI = URI.create("amqp://guest:guest@127.0.0.1:5672/%2F");

    /** AMQP's prefetch count is an unsigned short. */
    private static final int MAX_PREFETCH = 65_535;

    private static final String WORKER_PREFIX = "worker.";

    public RunnerConfig {
        Objects.requireNonNull(amqpUri, "amqpUri");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(workersDir, "workersDir");
        Objects.requireNonNull(workerSettings, "workerSettings");
        String scheme = amqpUri.getScheme();
        if (!"amqp".equalsIgnoreCase(scheme) && !"amqps".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("amqp.uri must be an amqp:// or amqps:// URI, got "
                    + AmqpConnections.redact(amqpUri));
        }
        Topology.checkExchangeName(exchange);
        if (prefetch < 1 || prefetch > MAX_PREFETCH) {
            throw new IllegalArgumentException("amqp.prefetch must be 1 to " + MAX_PREFETCH + ", got " + prefetch);
        }
        // Checked here rather than when the runner starts: a typo is then reported with the rest of the config.
        new TransportQueues(transport);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
    }

    /**
     * Reads the config file (if any) with the environment's overrides. A blank environment variable counts as
     * unset, as compose files write them when nothing is meant.
     */
    public static RunnerConfig load(Path file, Map<String, String> environment) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file " + file + " is not a file");
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        Function<String, String> lookup = key -> {
            String fromEnvironment = environment.get(environmentName(key));
            return fromEnvironment != null && !fromEnvironment.isBlank()
                    ? fromEnvironment : properties.getProperty(key);
        };
        Map<String, String> workerSettings = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(WORKER_PREFIX)) {
                if (key.length() == WORKER_PREFIX.length()) {
                    throw new IllegalArgumentException("'" + WORKER_PREFIX + "' has no setting name: write "
                            + WORKER_PREFIX + "<name>=<value>");
                }
                workerSettings.put(key.substring(WORKER_PREFIX.length()), lookup.apply(key));
            }
        }
        return new RunnerConfig(
                uri(orDefault(lookup.apply("amqp.uri"), DEFAULT_AMQP_URI.toString())),
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

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            // Not the text itself: it may hold the password.
            throw new IllegalArgumentException("amqp.uri is not a URI: " + e.getReason() + " at index "
                    + e.getIndex());
        }
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
