package io.richmond.sdk.amqp;

import java.util.concurrent.CompletionStage;

import io.richmond.sdk.message.Message;

/** Handles one decoded message; the stage completes when the work it started is durable. */
@FunctionalInterface
public interface MessageHandler<T extends Message> {

    CompletionStage<?> handle(T message) throws Exception;
}
