package io.richmond.sdk.worker;

import io.richmond.sdk.message.UserMessage;

/**
 * What a worker does with each user message that reaches it: the general form, for SMS and anything else. USSD
 * workers usually extend {@link UssdWorker} instead.
 *
 * <p>Any number of identical workers may consume the same queue, in one process or many, so a worker keeps no
 * state that ties a conversation to itself. {@code handle} is called from several threads at once.
 *
 * <p>A custom worker is a public class with a public constructor taking {@link WorkerSettings}, or none.
 */
public interface Worker {

    /**
     * Handles one message. What it sends through the outbox is published at once, and the message is acknowledged
     * once the broker has confirmed all of it; an exception sends the message to the transport's {@code .failures}
     * queue instead.
     */
    void handle(UserMessage message, Outbox outbox) throws Exception;
}
