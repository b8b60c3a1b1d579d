package io.richmond.sdk.rpc;

import java.net.URI;
import java.util.Objects;

import io.richmond.sdk.amqp.Topology;

/**
 * Where an {@link RpcWorkerHost} takes requests from and sends responses to.
 *
 * @param amqpUri the broker
 * @param exchange the durable direct exchange requests and responses travel on
 * @param queue the worker's input queue, bound by its own name: the routing key clients send requests to
 * @param outputKey where to answer requests that carry no {@code reply_to} (edeposit.amqp's fixed output key), or
 *        null to drop them with a warning
 * @param prefetch unacknowledged requests per consumer
 * @param concurrency requests handled at once by this host
 */
public record RpcWorkerConfig(URI amqpUri, String exchange, String queue, String outputKey, int prefetch,
        int concurrency) {

    public RpcWorkerConfig {
        Objects.requireNonNull(amqpUri, "amqpUri");
        Topology.checkExchangeName(exchange);
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("the worker's queue must be named");
        }
        if (outputKey != null && outputKey.isBlank()) {
            throw new IllegalArgumentException("the output key must be null or a routing key, got a blank one");
        }
        if (prefetch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("prefetch and concurrency must be at least 1, got " + prefetch
                    + " and " + concurrency);
        }
    }
}
