package io.richmond.sdk.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.richmond.sdk.amqp.MessageHandler;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;

/** Runs a {@link Worker} on each user message; done when the broker has confirmed everything it sent. */
public final class WorkerMessageHandler implements MessageHandler<UserMessage> {

    private final Worker worker;
    private final MessagePublisher publisher;

    public WorkerMessageHandler(Worker worker, MessagePublisher publisher) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public CompletionStage<?> handle(UserMessage message) throws Exception {
        PublishingOutbox outbox = new PublishingOutbox();
        try {
            worker.handle(message, outbox);
        } finally {
            outbox.close();
        }
        return outbox.confirmed();
    }

    /** Collects the confirms of what one message's handling sent; closed once the worker has returned. */
    private final class PublishingOutbox implements Outbox {

        private final List<CompletableFuture<Void>> published = new ArrayList<>(1);
        private boolean closed;

        @Override
        public void send(UserMessage message) {
            publish(new TransportQueues(message.transportName()).outbound(), message);
        }

        @Override
        public synchronized void publish(String routingKey, Message message) {
            if (closed) {
                // The message may be acknowledged already: this send would be covered by nothing.
                throw new IllegalStateException("cannot send after the worker's handle() has returned: send from"
                        + " within handle(), or wait there for the work that sends");
            }
            published.add(publisher.publish(routingKey, message));
        }

        synchronized void close() {
            closed = true;
        }

        synchronized CompletableFuture<Void> confirmed() {
            return CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
        }
    }
}
