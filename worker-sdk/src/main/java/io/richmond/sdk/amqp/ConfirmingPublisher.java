package io.richmond.sdk.amqp;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * Publishes mandatory messages on a few long-lived channels in confirm mode and completes one future per message
 * when the broker confirms it. It fails with {@link UnroutableMessageException} when no queue took the message,
 * with {@link PublishRefusedException} when the broker nacks it or its channel closes before the confirm, and with
 * the connection's exception when the broker cannot be reached.
 *
 * <p>Why not Spring's {@code RabbitTemplate} with correlated confirms: its caching connection factory hands every
 * publish a channel and, when the channel comes back with confirms outstanding, parks a thread until they arrive
 * before the channel can be reused; at thousands of messages a second that opens channels and switches threads for
 * every message. Here a channel keeps publishing while its confirms are outstanding, and confirms that the broker
 * acknowledges together ({@code multiple}) are settled together.
 *
 * <p>The futures complete on the connection's I/O thread: stages that depend on them must be short and must never
 * wait for another publish. The connection opens on the first publish and again after it was lost.
 */
public final class ConfirmingPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfirmingPublisher.class);

    /** How long a nacked publish waits for the return that may explain it (see {@link ConfirmedChannel#nacked}). */
    private static final long RETURN_AFTER_NACK_MILLIS = 200;

    private final ConnectionFactory factory;
    private final URI uri;
    private final String connectionName;
    private final Slot[] slots;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final Object connectionLock = new Object();
    private Connection connection;
    private boolean closed;

    /**
     * @param uri            the broker
     * @param connectionName the name the broker shows for the connection
     * @param channels       channels publishing at once; publishes on one channel take turns
     */
    public ConfirmingPublisher(URI uri, String connectionName, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("a publisher needs at least one channel, got " + channels);
        }
        this.uri = Objects.requireNonNull(uri, "uri");
        this.connectionName = Objects.requireNonNull(connectionName, "connectionName");
        this.factory = AmqpConnections.factory(uri);
        // Lost connections are reopened on the next publish; the client's own recovery would replay nothing here.
        factory.setAutomaticRecoveryEnabled(false);
        // Frames go to one I/O thread that writes them in batches: with blocking I/O each publish wrote and flushed
        // the socket while holding its channel, and under load request threads queued for that (docs/performance.md,
        // fourth run, MO).
        factory.useNio();
        this.slots = new Slot[channels];
        Arrays.setAll(slots, i -> new Slot());
    }

    /**
     * Publishes {@code body} as a mandatory message. Never throws for the broker's sake: every failure, even one
     * to connect, arrives through the future.
     */
    public CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties,
            byte[] body) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(body, "body");
        return slots[Math.floorMod(nextSlot.getAndIncrement(), slots.length)]
                .publish(exchange, routingKey, properties, body);
    }

    /** Closes the connection; publishes not yet confirmed fail. */
    @Override
    public void close() {
        Connection open;
        synchronized (connectionLock) {
            closed = true;
            open = connection;
            connection = null;
        }
        if (open != null && open.isOpen()) {
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing the publisher connection to {} failed: {}", AmqpConnections.redact(uri),
                        e.toString());
            }
        }
    }

    private Connection connection() throws IOException, TimeoutException {
        synchronized (connectionLock) {
            if (closed) {
                throw new IllegalStateException("the publisher to " + AmqpConnections.redact(uri) + " is closed");
            }
            if (connection == null || !connection.isOpen()) {
                connection = factory.newConnection(connectionName);
            }
            return connection;
        }
    }

    /** Where one channel at a time publishes; a channel that closed is replaced on the next publish. */
    private final class Slot {

        private ConfirmedChannel channel;

        synchronized CompletableFuture<Void> publish(String exchange, String routingKey,
                AMQP.BasicProperties properties, byte[] body) {
            try {
                if (channel == null || !channel.isOpen()) {
                    channel = ConfirmedChannel.open(connection());
                }
                return channel.publish(exchange, routingKey, properties, body);
            } catch (IOException | TimeoutException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }

    /** One channel in confirm mode and its publishes still waiting for the broker's word. */
    private static final class ConfirmedChannel implements ConfirmListener, ReturnListener, ShutdownListener {

        private final Channel channel;
        private final ConcurrentSkipListMap<Long, Publish> unconfirmed = new ConcurrentSkipListMap<>();
        private final ConcurrentLinkedQueue<Publish> nackedAwaitingReturn = new ConcurrentLinkedQueue<>();

        private ConfirmedChannel(Channel channel) {
            this.channel = channel;
        }

        static ConfirmedChannel open(Connection connection) throws IOException {
            Channel channel = connection.createChannel();
            if (channel == null) {
                throw new IOException("the broker allows no more channels on the publisher connection");
            }
            ConfirmedChannel confirmed = new ConfirmedChannel(channel);
            channel.addConfirmListener(confirmed);
            channel.addReturnListener(confirmed);
            channel.addShutdownListener(confirmed);
            channel.confirmSelect();
            return confirmed;
        }

        boolean isOpen() {
            return channel.isOpen();
        }

        /** The caller publishes on this channel alone: the sequence number must be that of this publish. */
        CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties,
                byte[] body) throws IOException {
            Publish publish = new Publish(exchange, routingKey, body);
            long sequence = channel.getNextPublishSeqNo();
            unconfirmed.put(sequence, publish);
            try {
                channel.basicPublish(exchange, routingKey, true, properties, body);
            } catch (IOException | RuntimeException e) {
                unconfirmed.remove(sequence);
                throw e;
            }
            return publish.confirmed;
        }

        @Override
        public void handleAck(long sequence, boolean multiple) {
            settle(sequence, multiple, true);
        }

        @Override
        public void handleNack(long sequence, boolean multiple) {
            settle(sequence, multiple, false);
        }

        private void settle(long sequence, boolean multiple, boolean ack) {
            NavigableMap<Long, Publish> settled = multiple
                    ? unconfirmed.headMap(sequence, true)
                    : unconfirmed.subMap(sequence, true, sequence, true);
            for (Map.Entry<Long, Publish> entry : settled.entrySet()) {
                if (ack || entry.getValue().returnedReply != null) {
                    entry.getValue().settle(ack);
                } else {
                    nacked(entry.getValue());
                }
            }
            settled.clear();
        }

        /**
         * RabbitMQ returns an unroutable message and then acks it; Qpid Broker-J (the embedded broker of the local
         * run) nacks it and then returns it. So a nack waits a moment for a return before it counts as a refusal.
         */
        private void nacked(Publish publish) {
            nackedAwaitingReturn.add(publish);
            CompletableFuture.delayedExecutor(RETURN_AFTER_NACK_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
                nackedAwaitingReturn.remove(publish);
                publish.settle(false);
            });
        }

        /**
         * The broker returns an unroutable message just before it confirms it (or just after it nacks it). The
         * return carries no sequence number, so it is matched to the oldest unsettled publish of the same body to
         * the same key.
         */
        @Override
        public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
                AMQP.BasicProperties properties, byte[] body) {
            for (Iterable<Publish> candidates : List.of(nackedAwaitingReturn, unconfirmed.values())) {
                for (Publish publish : candidates) {
                    if (publish.returnedReply == null && publish.isOf(exchange, routingKey, body)) {
                        publish.returnedReply = replyText;
                        return;
                    }
                }
            }
        }

        @Override
        public void shutdownCompleted(ShutdownSignalException cause) {
            String reason = cause.getReason() == null ? cause.getMessage() : cause.getReason().toString();
            for (Publish publish : unconfirmed.values()) {
                publish.confirmed.completeExceptionally(new PublishRefusedException(publish.exchange,
                        publish.routingKey, "the channel closed before the broker confirmed: " + reason));
            }
            unconfirmed.clear();
        }
    }

    private static final class Publish {

        final String exchange;
        final String routingKey;
        final byte[] body;
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();
        /** Written on the connection's I/O thread, read there or, after a nack, on the delay's thread. */
        volatile String returnedReply;

        Publish(String exchange, String routingKey, byte[] body) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.body = body;
        }

        boolean isOf(String exchange, String routingKey, byte[] body) {
            return this.exchange.equals(exchange) && this.routingKey.equals(routingKey)
                    && Arrays.equals(this.body, body);
        }

        void settle(boolean ack) {
            if (returnedReply != null) {
                confirmed.completeExceptionally(new UnroutableMessageException(exchange, routingKey, returnedReply));
            } else if (ack) {
                confirmed.complete(null);
            } else {
                confirmed.completeExceptionally(new PublishRefusedException(exchange, routingKey, "nack"));
            }
        }
    }
}
