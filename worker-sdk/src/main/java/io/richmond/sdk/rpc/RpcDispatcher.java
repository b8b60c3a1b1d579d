package io.richmond.sdk.rpc;

import io.richmond.sdk.amqp.RawPublisher;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

import com.rabbitmq.client.Delivery;

import io.richmond.sdk.amqp.DeliveryHandler;
import io.richmond.sdk.amqp.UnroutableMessageException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns request deliveries into calls of an {@link RpcWorker} and publishes each answer, or the exception, with the
 * request's UUID. The request is acknowledged once the broker confirmed the response.
 */
final class RpcDispatcher implements DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);

    /** An error response has no answer; an empty object keeps its body JSON for clients that parse it anyway. */
    private static final JsonNode NO_ANSWER = JsonNodeFactory.instance.objectNode();

    private final RpcWorker worker;
    private final RawPublisher publisher;
    private final String queue;
    private final String outputKey;

    RpcDispatcher(RpcWorker worker, RawPublisher publisher, String queue, String outputKey) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.outputKey = outputKey;
    }

    @Override
    public CompletionStage<?> handle(Delivery delivery) {
        Map<String, Object> headers = RpcHeaders.readable(delivery.getProperties().getHeaders());
        String uuid = RpcHeaders.text(headers, RpcHeaders.UUID);
        if (uuid == null) {
            // edeposit.amqp dropped these silently; the sender at least deserves a trace of where its request went.
            log.warn("{}: dropping a request without a {} header (correlation_id {}, reply_to {}): its response could"
                    + " not be paired with it", queue, RpcHeaders.UUID, delivery.getProperties().getCorrelationId(),
                    delivery.getProperties().getReplyTo());
            return CompletableFuture.completedFuture(null);
        }
        String replyTo = delivery.getProperties().getReplyTo();
        String responseKey = replyTo == null || replyTo.isBlank() ? outputKey : replyTo;
        if (responseKey == null) {
            log.warn("{}: dropping request {}: it has no reply_to and this worker has no output key to answer on",
                    queue, uuid);
            return CompletableFuture.completedFuture(null);
        }
        MessageProperties response = RpcMessages.properties(uuid);
        JsonNode answer;
        try {
            answer = worker.handle(RpcMessages.read(delivery.getBody()), headers);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            log.info("{}: request {} failed ({}); answering with the exception", queue, uuid, e.toString());
            response.setHeader(RpcHeaders.EXCEPTION, e.getMessage() == null ? "" : e.getMessage());
            response.setHeader(RpcHeaders.EXCEPTION_NAME, e.getClass().getSimpleName());
            response.setHeader(RpcHeaders.EXCEPTION_TYPE, e.getClass().getName());
            answer = NO_ANSWER;
        }
        byte[] body = RpcMessages.write(answer == null ? JsonNodeFactory.instance.nullNode() : answer);
        return publisher.publish(responseKey, body, response).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof UnroutableMessageException) {
                // Nobody will ever read it: requeueing the request would only answer into the void again, forever.
                log.warn("{}: no queue takes responses on '{}'; the response to request {} is dropped", queue,
                        responseKey, uuid);
                return null;
            }
            throw new CompletionException(cause);
        });
    }
}
