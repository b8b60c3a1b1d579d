package io.richmond.sms.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageProperties;

import com.rabbitmq.client.Delivery;

import io.richmond.sdk.amqp.DeliveryHandler;
import io.richmond.sdk.amqp.MessageDispatcher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.FailureMessage.FailureCode;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;

/**
 * Sends each {@code <gw>.outbound} message and says what became of it on {@code <gw>.event}: an {@code ack} with
 * the provider's id, or a {@code nack}. Every message ends with exactly one of them; a temporary failure first goes
 * round the delay queues of the {@link RetryPolicy}, and when the attempts run out it is nacked and also reported on
 * {@code <gw>.failures}. The delivery is acknowledged once what was published about it is confirmed.
 */
public final class OutboundHandler implements DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboundHandler.class);

    private final TransportQueues queues;
    private final SmsSender sender;
    private final RetryPolicy retry;
    private final MessageCodec codec;
    private final MessagePublisher publisher;

    public OutboundHandler(TransportQueues queues, SmsSender sender, RetryPolicy retry, MessageCodec codec,
            MessagePublisher publisher) {
        this.queues = queues;
        this.sender = sender;
        this.retry = retry;
        this.codec = codec;
        this.publisher = publisher;
    }

    @Override
    public CompletableFuture<?> handle(Delivery delivery) {
        int attemptsMade = attemptsMade(delivery);
        // The dispatcher owns decoding and the failures queue; only the attempt count is per delivery.
        return new MessageDispatcher<>(codec, publisher, queues.failures(), UserMessage.class,
                message -> send(message, attemptsMade)).handle(delivery).toCompletableFuture();
    }

    private CompletableFuture<Void> send(UserMessage message, int attemptsMade) {
        int attempt = attemptsMade + 1;
        SendOutcome outcome;
        try {
            outcome = sender.send(message);
        } catch (RuntimeException e) {
            log.error("{}: sending message {} to {} failed unexpectedly; nacking it and reporting it on {}",
                    queues.transportName(), message.messageId(), message.toAddr(), queues.failures(), e);
            return CompletableFuture.allOf(
                    publisher.publish(queues.event(), nack(message, "transport error: " + e, true, attempt)),
                    publisher.publish(queues.failures(), failure(message, null, e.toString())));
        }
        if (outcome instanceof SendOutcome.Accepted accepted) {
            log.debug("{}: message {} to {} accepted as {}", queues.transportName(), message.messageId(),
                    message.toAddr(), accepted.providerMessageId());
            return publisher.publish(queues.event(), Event.ack(message, accepted.providerMessageId()));
        }
        if (outcome instanceof SendOutcome.Rejected rejected) {
            log.info("{}: provider refused message {} to {}: {}; nacking it", queues.transportName(),
                    message.messageId(), message.toAddr(), rejected.reason());
            return publisher.publish(queues.event(), nack(message, rejected.reason(), true, attempt));
        }
        String reason = ((SendOutcome.Temporary) outcome).reason();
        if (retry.mayRetry(attempt)) {
            log.warn("{}: attempt {} of {} to send message {} to {} failed: {}; retrying in {} via {}",
                    queues.transportName(), attempt, retry.maxAttempts(), message.messageId(), message.toAddr(),
                    reason, retry.delayAfter(attempt), retry.delayQueue(attempt));
            MessageProperties properties = new MessageProperties();
            properties.setHeader(RetryPolicy.ATTEMPTS_HEADER, attempt);
            return publisher.publish(retry.delayQueue(attempt), message, properties);
        }
        log.error("{}: giving up on message {} to {} after {} attempts (last: {}); nacking it and reporting it on {}",
                queues.transportName(), message.messageId(), message.toAddr(), attempt, reason, queues.failures());
        String finalReason = "gave up after " + attempt + " attempts: " + reason;
        return CompletableFuture.allOf(
                publisher.publish(queues.event(), nack(message, finalReason, false, attempt)),
                publisher.publish(queues.failures(), failure(message, FailureCode.TEMPORARY, finalReason)));
    }

    /**
     * A nack is final either way; {@code permanent} tells whether the provider refused the message (true) or the
     * transport gave up on failures that might have passed (false).
     */
    private static Event nack(UserMessage message, String reason, boolean permanent, int attempts) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("permanent", permanent);
        metadata.put("attempts", attempts);
        return new Event(UUID.randomUUID().toString().replace("-", ""), Event.EventType.NACK, message.messageId(),
                null, reason, null, message.transportName(), metadata, Instant.now(), Map.of(), Map.of());
    }

    private FailureMessage failure(UserMessage message, FailureCode code, String reason) {
        return FailureMessage.of(codec.tree(codec.encode(message)), code, reason);
    }

    private static int attemptsMade(Delivery delivery) {
        Map<String, Object> headers = delivery.getProperties().getHeaders();
        Object attempts = headers == null ? null : headers.get(RetryPolicy.ATTEMPTS_HEADER);
        return attempts instanceof Number number ? number.intValue() : 0;
    }
}
