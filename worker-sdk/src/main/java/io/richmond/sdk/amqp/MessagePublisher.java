package io.richmond.sdk.amqp;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.MessageCodec;

/**
 * Publishes Vumi messages, persistent and mandatory, to Richmond's exchange. The returned future completes when
 * the broker confirms the message, so callers wait for confirms together instead of one round trip at a time.
 *
 * <p>The template must come from a connection factory with correlated publisher confirms and publisher returns
 * (see {@link AmqpConnections#publisherTemplate}); otherwise no future would ever complete.
 */
public final class MessagePublisher {

    private final RawPublisher raw;
    private final MessageCodec codec;

    public MessagePublisher(RabbitTemplate template, MessageCodec codec, String exchange) {
        this.raw = new RawPublisher(template, exchange);
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Completes when the broker has taken responsibility for the message; fails when it refuses or cannot route it,
     * or cannot be reached. A message that cannot be encoded throws at once.
     */
    public CompletableFuture<Void> publish(String routingKey, Message message) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(message, "message");
        // Fresh properties: copying a caller's goes through reflection, too slow for every message.
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return raw.send(routingKey, new org.springframework.amqp.core.Message(codec.encode(message), properties));
    }

    /**
     * The same, with properties of the caller's (headers, correlation id, reply-to). They are copied, not changed:
     * the template writes each publish's confirm correlation into its message's properties, so sharing them between
     * publishes would mix up which confirm and which return belong to which message.
     */
    public CompletableFuture<Void> publish(String routingKey, Message message, MessageProperties properties) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(properties, "properties");
        org.springframework.amqp.core.Message amqpMessage = MessageBuilder
                .withBody(codec.encode(message))
                .copyProperties(properties)
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding("UTF-8")
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        return raw.send(routingKey, amqpMessage);
    }

}
