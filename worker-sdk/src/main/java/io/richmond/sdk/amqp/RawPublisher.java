package io.richmond.sdk.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

import com.rabbitmq.client.AMQP;

/**
 * Publishes bodies that are not Vumi messages (RPC requests and responses, jobs put back after a delay) with the
 * same guarantees as {@link MessagePublisher}: persistent, mandatory, and a future that completes on the broker's
 * confirm and fails when the broker refuses or cannot route the message.
 */
public final class RawPublisher {

    private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    private final ConfirmingPublisher publisher;
    private final String exchange;

    public RawPublisher(ConfirmingPublisher publisher, String exchange) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** Publishes {@code body} with the caller's properties, made persistent; the caller's object is unchanged. */
    public CompletableFuture<Void> publish(String routingKey, byte[] body, MessageProperties properties) {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(properties, "properties");
        return send(routingKey, persistent(properties, null), body);
    }

    CompletableFuture<Void> send(String routingKey, AMQP.BasicProperties properties, byte[] body) {
        return publisher.publish(exchange, routingKey, properties, body);
    }

    /** The caller's properties as the client's, persistent, with {@code contentType} if one is given. */
    static AMQP.BasicProperties persistent(MessageProperties properties, String contentType) {
        AMQP.BasicProperties converted = PROPERTIES.fromMessageProperties(properties, StandardCharsets.UTF_8.name());
        AMQP.BasicProperties.Builder builder = converted.builder().deliveryMode(2);
        if (contentType != null) {
            builder.contentType(contentType).contentEncoding(StandardCharsets.UTF_8.name());
        }
        return builder.build();
    }
}
