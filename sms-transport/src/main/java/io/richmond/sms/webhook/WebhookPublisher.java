package io.richmond.sms.webhook;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.Message;
import io.richmond.sms.SmsTransportProperties;

/**
 * Publishes what a webhook received and returns only once RabbitMQ has confirmed it: what the provider is told we
 * have, we have. Otherwise the call ends with 503 and the provider sends it again.
 */
@Component
public class WebhookPublisher {

    private final MessagePublisher publisher;
    private final SmsTransportProperties properties;

    public WebhookPublisher(MessagePublisher publisher, SmsTransportProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    public void publish(String routingKey, List<? extends Message> messages) {
        CompletableFuture<?>[] confirms = messages.stream()
                .map(message -> publisher.publish(routingKey, message))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(confirms)
                    .get(properties.webhook().confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(routingKey, e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unavailable(routingKey, "no confirm from RabbitMQ within " + properties.webhook().confirmTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(routingKey, "interrupted while waiting for RabbitMQ");
        }
    }

    private static WebhookException unavailable(String routingKey, String why) {
        return new WebhookException(HttpStatus.SERVICE_UNAVAILABLE,
                "Could not store it on " + routingKey + " (" + why + "); please send it again later");
    }
}
