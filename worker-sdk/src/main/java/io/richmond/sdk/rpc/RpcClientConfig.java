package io.richmond.sdk.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.richmond.sdk.amqp.Topology;

/**
 * Where an {@link RpcClient} sends requests and takes its responses.
 *
 * @param amqpUri the broker
 * @param exchange the durable direct exchange requests and responses travel on
 * @param responseQueue this client's own queue, bound by its own name, sent as every request's {@code reply_to}.
 *        Two running clients must not share one: each would take responses the other waits for
 * @param timeout how long a request waits for its response
 */
public record RpcClientConfig(URI amqpUri, String exchange, String responseQueue, Duration timeout) {

    public RpcClientConfig {
        Objects.requireNonNull(amqpUri, "amqpUri");
        Topology.checkExchangeName(exchange);
        if (responseQueue == null || responseQueue.isBlank()) {
            throw new IllegalArgumentException("the client's response queue must be named");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
    }
}
