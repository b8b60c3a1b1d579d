package io.richmond.sdk.worker;

import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;

/** Where a worker sends messages while it handles one. */
public interface Outbox {

    /** Sends a user message back out through its transport: {@code <transport_name>.outbound}. */
    void send(UserMessage message);

    /** Publishes any message with any routing key on Richmond's exchange. */
    void publish(String routingKey, Message message);
}
