package io.richmond.sdk.amqp;

import java.util.concurrent.CompletionStage;

import com.rabbitmq.client.Delivery;

/** Handles one delivery; the stage completes when every effect of it (published replies included) is durable. */
@FunctionalInterface
public interface DeliveryHandler {

    CompletionStage<?> handle(Delivery delivery);
}
