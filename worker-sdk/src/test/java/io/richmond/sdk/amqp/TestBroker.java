package io.richmond.sdk.amqp;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.richmond.sdk.message.MessageCodec;
import io.richmond.testsupport.LocalServices;

/**
 * The real RabbitMQ, seen by one test: an exchange and a transport of its own (random names, so that tests and
 * parallel builds never share a queue), and {@link #close} deletes every queue and exchange the test declared.
 */
public final class TestBroker implements AutoCloseable {

    /** How long a test waits for the broker before it fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(15);

    private final URI uri = LocalServices.amqpUri().orElseThrow();
    private final String exchange;
    private final TransportQueues queues = new TransportQueues(uniqueName("t"));
    private final CachingConnectionFactory connections;
    private final RabbitAdmin admin;
    private final RabbitTemplate template;
    private final List<ConfirmingPublisher> publishers = new ArrayList<>();
    private final MessageCodec codec = new MessageCodec();
    private final List<String> otherQueues = new ArrayList<>();

    /** @param owner the test class, named in the exchange so that a leftover one says where it came from */
    public TestBroker(Class<?> owner) {
        exchange = uniqueName("test." + owner.getSimpleName() + ".");
        connections = AmqpConnections.publisherConnectionFactory(uri, "test " + owner.getSimpleName());
        admin = new RabbitAdmin(connections);
        template = AmqpConnections.publisherTemplate(connections);
    }

    public static String uniqueName(String prefix) {
        return prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    public URI uri() {
        return uri;
    }

    public String exchange() {
        return exchange;
    }

    public TransportQueues queues() {
        return queues;
    }

    public RabbitAdmin admin() {
        return admin;
    }

    public MessageCodec codec() {
        return codec;
    }

    /** Declares the exchange and the transport's four queues. */
    public TestBroker declareTransport() {
        Topology.declare(admin, Topology.of(exchange, queues));
        return this;
    }

    /** Deletes {@code queue} at the end too: for queues a test declares beside the transport's. */
    public void deleteLater(String queue) {
        otherQueues.add(queue);
    }

    /** A publisher on the test's exchange, closed with the test broker. */
    public MessagePublisher publisher() {
        return new MessagePublisher(confirmingPublisher(uri), codec, exchange);
    }

    /** A confirming publisher to {@code broker} (the test's broker, or one that is not there), closed at the end. */
    public ConfirmingPublisher confirmingPublisher(URI broker) {
        ConfirmingPublisher publisher = new ConfirmingPublisher(broker, "test publisher", 2);
        publishers.add(publisher);
        return publisher;
    }

    /** Publishes any bytes, valid message or not, and waits for the broker's confirm. */
    public void publishRaw(String routingKey, byte[] body) {
        CorrelationData correlation = new CorrelationData();
        template.send(exchange, routingKey, new Message(body, new MessageProperties()), correlation);
        try {
            if (!correlation.getFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).ack()
                    || correlation.getReturned() != null) {
                throw new IllegalStateException("the broker did not take the test's message for " + routingKey);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the test's message to " + routingKey + " failed", e);
        }
    }

    /** Ready messages, not counting those delivered and not yet acknowledged. */
    public long ready(String queue) {
        QueueInformation info = admin.getQueueInfo(queue);
        if (info == null) {
            throw new IllegalStateException("queue " + queue + " does not exist");
        }
        return info.getMessageCount();
    }

    public long consumers(String queue) {
        return admin.getQueueInfo(queue).getConsumerCount();
    }

    /** Takes the next message off {@code queue} (acknowledged at once), or null when it is empty. */
    public Message take(String queue) {
        return template.receive(queue);
    }

    /** Waits for the next message on {@code queue} and takes it. */
    public Message awaitMessage(String queue) {
        Message[] taken = new Message[1];
        await("a message on " + queue).atMost(PATIENCE).until(() -> (taken[0] = take(queue)) != null);
        return taken[0];
    }

    @Override
    public void close() {
        try {
            queues.all().forEach(admin::deleteQueue);
            otherQueues.forEach(admin::deleteQueue);
            admin.deleteExchange(exchange);
        } finally {
            publishers.forEach(ConfirmingPublisher::close);
            connections.destroy();
        }
    }
}
