package io.richmond.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.RabbitMQContainer;

/**
 * Finds the real RabbitMQ and PostgreSQL that integration tests talk to.
 *
 * <p>For each service, in order: the environment variable ({@code RICHMOND_AMQP_URI}, {@code RICHMOND_DB_URL}
 * with {@code RICHMOND_DB_USER} / {@code RICHMOND_DB_PASSWORD}), the service on its standard local port if it
 * answers, a Testcontainers container if a Docker engine answers, or nothing (and the test is skipped, or fails
 * when {@code RICHMOND_REQUIRE_SERVICES=true}). Each answer is worked out once per JVM.
 */
public final class LocalServices {

    public record Database(String jdbcUrl, String user, String password) {
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 300;

    private static final Supplier<Optional<URI>> AMQP = memoize(LocalServices::findAmqp);
    private static final Supplier<Optional<Database>> POSTGRES = memoize(LocalServices::findPostgres);

    private LocalServices() {
    }

    /** The AMQP URI of a RabbitMQ that answers, if there is one. */
    public static Optional<URI> amqpUri() {
        return AMQP.get();
    }

    /** A PostgreSQL database that answers, if there is one. */
    public static Optional<Database> postgres() {
        return POSTGRES.get();
    }

    /** Whether a missing service fails the test run instead of skipping the tests that need it (CI sets it). */
    public static boolean servicesRequired() {
        return Boolean.parseBoolean(System.getenv("RICHMOND_REQUIRE_SERVICES"));
    }

    private static Optional<URI> findAmqp() {
        String configured = System.getenv("RICHMOND_AMQP_URI");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(URI.create(configured));
        }
        if (answers("127.0.0.1", 5672)) {
            return Optional.of(URI.create("amqp://guest:guest@127.0.0.1:5672/%2F"));
        }
        if (dockerAnswers()) {
            RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management");
            container.start();
            return Optional.of(URI.create(container.getAmqpUrl()));
        }
        return Optional.empty();
    }

    private static Optional<Database> findPostgres() {
        String configured = System.getenv("RICHMOND_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new Database(configured, envOr("RICHMOND_DB_USER", "postgres"),
                    envOr("RICHMOND_DB_PASSWORD", "")));
        }
        if (answers("127.0.0.1", 5432)) {
            return Optional.of(new Database("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return Optional.of(new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
        }
        return Optional.empty();
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
