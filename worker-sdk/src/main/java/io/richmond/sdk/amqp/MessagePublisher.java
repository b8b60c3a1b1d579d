package io.richmond.sdk.amqp;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.MessageProperties;

import com.rabbitmq.client.AMQP;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.MessageCodec;

/**
 * Publishes Vumi messages, persistent and mandatory, to Richmond's exchange. The returned future completes when
 * the broker confirms the message, so callers wait for confirms together instead of one round trip at a time.
 */
public final class MessagePublisher {

    private static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType(MessageProperties.CONTENT_TYPE_JSON)
            .contentEncoding("UTF-8")
            .deliveryMode(2)
            .build();

    private final RawPublisher raw;
    private final MessageCodec codec;

    public MessagePublisher(ConfirmingPublisher publisher, MessageCodec codec, String exchange) {
        this.raw = new RawPublisher(publisher, exchange);
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * Completes when the broker has taken responsibility for the message; fails when it refuses or cannot route it,
     * or cannot be reached. A message that cannot be encoded throws at once.
     */
    public CompletableFuture<Void> publish(String routingKey, Message message) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(message, "message");
        return raw.send(routingKey, PERSISTENT_JSON, codec.encode(message));
    }

    /** The same, with properties of the caller's (headers, correlation id, reply-to), which are left unchanged. */
    public CompletableFuture<Void> publish(String routingKey, Message message, MessageProperties properties) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(properties, "properties");
        byte[] body = codec.encode(message);
        return raw.send(routingKey, RawPublisher.persistent(properties, MessageProperties.CONTENT_TYPE_JSON), body);
    }
}
