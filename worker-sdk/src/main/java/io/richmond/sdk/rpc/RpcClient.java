package io.richmond.sdk.rpc;

import io.richmond.sdk.amqp.RawPublisher;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;

import com.rabbitmq.client.Delivery;

import tools.jackson.databind.JsonNode;

/**
 * Sends requests to RPC workers and completes each request's future with its response, paired by UUID. Thread-safe:
 * any number of requests may wait at once.
 *
 * <p>Futures complete on the client's consumer thread: a callback that blocks holds up the responses behind it, so
 * hand long work to an executor ({@code thenApplyAsync}).
 */
public final class RpcClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

    /** Pairing a response with its request takes microseconds: a deep prefetch costs nothing and saves round trips. */
    private static final int RESPONSE_PREFETCH = 100;

    private final RpcClientConfig config;
    private final String name;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts;
    private BrokerSession session;
    private RawPublisher publisher;

    public RpcClient(RpcClientConfig config, String name) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = Objects.requireNonNull(name, "name");
        this.timeouts = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name + " timeouts");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Declares the response queue and starts consuming it. A client starts once. */
    public synchronized void start() throws IOException, TimeoutException {
        if (session != null) {
            throw new IllegalStateException(name + " has been started already");
        }
        session = BrokerSession.open(config.amqpUri(), config.exchange(), name, 1);
        try {
            session.declareQueues(QueueBuilder.durable(config.responseQueue()).build());
            session.consume(config.responseQueue(), RESPONSE_PREFETCH, 1, this::onResponse);
        } catch (IOException | RuntimeException e) {
            session.close(Duration.ZERO);
            throw e;
        }
        publisher = session.rawPublisher();
    }

    /**
     * Sends {@code request} to {@code routingKey} on the exchange. The future completes with the response body; it
     * fails with {@link RpcRemoteException} when the worker's handler threw, {@link RpcTimeoutException} when no
     * response came in time, and with the publisher's exception when the broker did not take the request (an
     * {@code UnroutableMessageException} when no queue is bound to {@code routingKey}).
     */
    public CompletableFuture<JsonNode> call(String routingKey, JsonNode request) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(request, "request");
        RawPublisher started;
        synchronized (this) {
            started = publisher;
        }
        if (started == null) {
            throw new IllegalStateException(name + " is not started, or closed");
        }
        String uuid = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        // Waiting before publishing: the response may come back before publish returns.
        waiting.put(uuid, response);
        ScheduledFuture<?> timer = timeouts.schedule(
                () -> response.completeExceptionally(new RpcTimeoutException(uuid, routingKey, config.timeout())),
                config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        response.whenComplete((ignored, failure) -> {
            waiting.remove(uuid, response);
            timer.cancel(false);
        });
        MessageProperties properties = RpcMessages.properties(uuid);
        properties.setReplyTo(config.responseQueue());
        started.publish(routingKey, RpcMessages.write(request), properties).whenComplete((ignored, failure) -> {
            if (failure != null) {
                response.completeExceptionally(failure);
            }
        });
        return response;
    }

    private CompletionStage<?> onResponse(Delivery delivery) {
        Map<String, Object> headers = RpcHeaders.readable(delivery.getProperties().getHeaders());
        String uuid = RpcHeaders.text(headers, RpcHeaders.UUID);
        if (uuid == null) {
            uuid = delivery.getProperties().getCorrelationId();
        }
        CompletableFuture<JsonNode> response = uuid == null ? null : waiting.get(uuid);
        if (response == null) {
            log.info("{}: response {} on {} matches no waiting request (timed out, or sent before a restart);"
                    + " dropping it", name, uuid, config.responseQueue());
            return CompletableFuture.completedFuture(null);
        }
        if (headers.containsKey(RpcHeaders.EXCEPTION)) {
            response.completeExceptionally(new RpcRemoteException(uuid,
                    String.valueOf(headers.get(RpcHeaders.EXCEPTION)),
                    RpcHeaders.text(headers, RpcHeaders.EXCEPTION_NAME),
                    RpcHeaders.text(headers, RpcHeaders.EXCEPTION_TYPE)));
        } else {
            try {
                response.complete(RpcMessages.read(delivery.getBody()));
            } catch (IllegalArgumentException e) {
                response.completeExceptionally(
                        new IllegalStateException("the response to request " + uuid + " is unreadable: "
                                + e.getMessage(), e));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Stops taking responses; requests still waiting fail at once rather than at their timeout. */
    @Override
    public synchronized void close() {
        publisher = null;
        if (session != null) {
            session.close(Duration.ofSeconds(5));
        }
        timeouts.shutdownNow();
        waiting.values().forEach(response -> response.completeExceptionally(
                new IllegalStateException(name + " was closed before the response came")));
    }
}
