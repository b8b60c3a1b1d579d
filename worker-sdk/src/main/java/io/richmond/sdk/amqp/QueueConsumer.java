package io.richmond.sdk.amqp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;

/**
 * Consumes one queue with N channels (competing consumers within the process), each with its own prefetch.
 *
 * <p>A delivery is acknowledged when the stage its handler returns completes, not when the handler returns, so a
 * worker's replies are confirmed by the broker before the message that caused them is let go; the handler itself
 * never waits for the broker. A stage that fails means the handler's own failure path (publishing to
 * {@code .failures}) failed too, or the failure was a {@link TemporaryFailure}: the message is requeued rather than
 * lost.
 *
 * <p>{@link #close} stops taking deliveries, lets in-flight ones finish and be acknowledged, then closes the
 * channels; deliveries prefetched but never started go back to the queue with the channel. A consumer starts once
 * and closes once.
 */
public final class QueueConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

    /** AMQP's prefetch count is an unsigned short. */
    private static final int MAX_PREFETCH = 65_535;

    private final Connection connection;
    private final String queue;
    private final int prefetch;
    private final int concurrency;
    private final DeliveryHandler handler;
    private final List<ChannelConsumer> consumers = new ArrayList<>();
    /** Guards {@link #inFlight} and {@link #closing} together, so that no delivery starts once close has looked. */
    private final Object inFlightLock = new Object();
    private int inFlight;
    private boolean closing;
    private boolean started;

    public QueueConsumer(Connection connection, String queue, int prefetch, int concurrency, DeliveryHandler handler) {
        if (prefetch < 1 || prefetch > MAX_PREFETCH || concurrency < 1) {
            throw new IllegalArgumentException("prefetch must be 1 to " + MAX_PREFETCH
                    + " and concurrency at least 1, got prefetch " + prefetch + " and concurrency " + concurrency);
        }
        this.connection = Objects.requireNonNull(connection, "connection");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.prefetch = prefetch;
        this.concurrency = concurrency;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Starts the consumers; if one cannot start (the queue does not exist, say), those already started stop. */
    public synchronized void start() throws IOException {
        synchronized (inFlightLock) {
            if (started || closing) {
                // Twice would double the consumers; after close, each delivery would be handed straight back.
                throw new IllegalStateException("the consumer of " + queue + " starts once, and not after close");
            }
        }
        started = true;
        try {
            for (int i = 0; i < concurrency; i++) {
                Channel channel = connection.createChannel();
                ChannelConsumer consumer = new ChannelConsumer(channel);
                consumers.add(consumer);
                channel.basicQos(prefetch);
                consumer.tag = channel.basicConsume(queue, false, consumer);
            }
        } catch (IOException | RuntimeException e) {
            consumers.forEach(ChannelConsumer::closeChannel);
            consumers.clear();
            throw e;
        }
        log.info("consuming {} with {} consumer(s), prefetch {}", queue, concurrency, prefetch);
    }

    /** Deliveries started and not yet acknowledged. */
    public int inFlight() {
        synchronized (inFlightLock) {
            return inFlight;
        }
    }

    /**
     * Stops consuming and waits up to {@code grace} for in-flight deliveries to be acknowledged. Closing again does
     * nothing.
     */
    public synchronized void close(Duration grace) {
        synchronized (inFlightLock) {
            if (closing) {
                return;
            }
            closing = true;
        }
        for (ChannelConsumer consumer : consumers) {
            consumer.cancel();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    inFlightLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inFlight > 0) {
                log.warn("{}: {} deliveries still in flight after {}; closing anyway, the broker will redeliver them",
                        queue, inFlight, grace);
            }
        }
        for (ChannelConsumer consumer : consumers) {
            consumer.closeChannel();
        }
        consumers.clear();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Counts a delivery in, unless the consumer is closing: then it must not start. */
    private boolean tryStart() {
        synchronized (inFlightLock) {
            if (closing) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void finished() {
        synchronized (inFlightLock) {
            inFlight--;
            if (inFlight == 0) {
                inFlightLock.notifyAll();
            }
        }
    }

    private final class ChannelConsumer extends DefaultConsumer {

        private volatile String tag;

        ChannelConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                byte[] body) {
            long deliveryTag = envelope.getDeliveryTag();
            if (!tryStart()) {
                // Cancelled but already on its way to us: hand it straight back for another consumer.
                settle(deliveryTag, false);
                return;
            }
            CompletionStage<?> outcome;
            try {
                outcome = Objects.requireNonNull(handler.handle(new Delivery(envelope, properties, body)),
                        "the delivery handler returned no CompletionStage");
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                // Anything escaping to the client library would close this channel and leave the count wrong.
                outcome = CompletableFuture.failedFuture(e);
            }
            outcome.whenComplete((ignored, failure) -> {
                try {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TemporaryFailure) {
                        log.debug("{}: delivery {} failed for now; requeueing it", queue, deliveryTag);
                    } else if (failure != null) {
                        log.error("{}: could not handle delivery {} nor record its failure; requeueing it", queue,
                                deliveryTag, failure);
                    }
                    settle(deliveryTag, failure == null);
                } finally {
                    finished();
                }
            });
        }

        private void settle(long deliveryTag, boolean done) {
            try {
                if (done) {
                    getChannel().basicAck(deliveryTag, false);
                } else {
                    getChannel().basicNack(deliveryTag, false, true);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("{}: could not settle delivery {} ({}); the broker will redeliver it", queue, deliveryTag,
                        e.toString());
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            log.warn("{}: the broker cancelled consumer {} (queue deleted?); no more deliveries on this channel",
                    queue, consumerTag);
        }

        void cancel() {
            try {
                if (tag != null && getChannel().isOpen()) {
                    getChannel().basicCancel(tag);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("{}: cancelling consumer {} failed: {}", queue, tag, e.toString());
            }
        }

        void closeChannel() {
            try {
                if (getChannel().isOpen()) {
                    getChannel().close();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                log.debug("{}: closing channel failed: {}", queue, e.toString());
            }
        }
    }
}
