package io.richmond.sdk.amqp;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;


/**
 * Publishes bodies that are not Vumi messages (RPC requests and responses, jobs put back after a delay) with the
 * same guarantees as {@link MessagePublisher}: persistent, mandatory, and a future that completes on the broker's
 * confirm and fails when the broker refuses or cannot route the message.
 *
 * <p>The template must come from {@link AmqpConnections#publisherTemplate} (correlated confirms and returns).
 */
public final class RawPublisher {

    private final RabbitTemplate template;
    private final String exchange;

    public RawPublisher(RabbitTemplate template, String exchange) {
        this.template = Objects.requireNonNull(template, "template");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        template.setMandatory(true);
    }

    /**
     * Publishes {@code body} with a copy of {@code properties}: the template writes each publish's confirm
     * correlation into the properties, so sharing them between publishes would mix up the confirms.
     */
    public CompletableFuture<Void> publish(String routingKey, byte[] body, MessageProperties properties) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(properties, "properties");
        Message message = MessageBuilder.withBody(body)
                .copyProperties(properties)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        return send(routingKey, message);
    }

    /** Publishes a message whose properties belong to it alone, as {@link MessagePublisher} builds them. */
    CompletableFuture<Void> send(String routingKey, Message message) {
        CorrelationData correlation = new CorrelationData();
        try {
            template.send(exchange, routingKey, message, correlation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return correlation.getFuture().thenApply(confirm -> {
            if (correlation.getReturned() != null) {
                throw new UnroutableMessageException(exchange, routingKey, correlation.getReturned().getReplyText());
            }
            if (!confirm.ack()) {
                throw new PublishRefusedException(exchange, routingKey, confirm.reason());
            }
            return null;
        });
    }
}
