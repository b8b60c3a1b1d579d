package io.richmond.local.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.UnroutableMessageException;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;

/** The embedded broker as the services use it: Spring AMQP, confirms, durable topology, delay queues. */
class EmbeddedQpidTest {

    private static final String EXCHANGE = "richmond";

    @TempDir
    Path folder;

    private EmbeddedQpid broker;
    private CachingConnectionFactory connections;
    private RabbitAdmin admin;
    private RabbitTemplate template;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedQpid.start(folder);
        connect();
    }

    @AfterEach
    void stop() {
        connections.destroy();
        broker.close();
    }

    private void connect() {
        connections = new CachingConnectionFactory(broker.uri());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        admin = new RabbitAdmin(connections);
        template = new RabbitTemplate(connections);
        template.setMandatory(true);
        template.setReceiveTimeout(0);
    }

    @Test
    void listensOnLoopbackWithGuestAndConfirmsAPersistentPublish() throws Exception {
        assertThat(broker.port()).isPositive().isNotEqualTo(5672);
        assertThat(broker.uri()).hasToString("amqp://guest:guest@127.0.0.1:" + broker.port() + "/%2F");
        String queue = declareBound("confirmed");

        CorrelationData correlation = new CorrelationData();
        template.send(EXCHANGE, queue, persistent("hello"), correlation);

        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
        assertThat(correlation.getReturned()).isNull();
        assertThat(body(template.receive(queue))).isEqualTo("hello");
    }

    @Test
    void nacksAMandatoryMessageNoQueueTakes() throws Exception {
        admin.declareExchange(new DirectExchange(EXCHANGE, true, false));

        CorrelationData correlation = new CorrelationData();
        template.send(EXCHANGE, "nobody." + UUID.randomUUID(), persistent("lost"), correlation);

        // RabbitMQ returns it (312 NO_ROUTE), then acks. Qpid nacks it, then returns it: ConfirmingPublisher waits
        // a moment after a nack for the return (the test above).
        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).ack()).isFalse();
    }

    @Test
    void theServicesPublisherGetsConfirmsAndTellsAnUnroutableMessageFromARefusedOne() {
        String queue = declareBound("published");
        try (ConfirmingPublisher publisher = new ConfirmingPublisher(broker.uri(), "test publisher", 2)) {
            MessagePublisher messages = new MessagePublisher(publisher, new MessageCodec(), EXCHANGE);
            UserMessage message = UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").content("hi")
                    .transportName("truteq").transportType("ussd").build();

            assertThat(messages.publish(queue, message)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(messages.publish("nobody." + UUID.randomUUID(), message))
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .havingCause()
                    .isInstanceOf(UnroutableMessageException.class);
        }
        assertThat(body(template.receive(queue))).contains("\"content\":\"hi\"");
    }

    @Test
    void aDelayQueueDeadLettersToItsQueueAfterItsTtl() {
        String target = declareBound("outbound");
        String delay = declareDelayQueue(target, 700);

        long sent = System.nanoTime();
        template.convertAndSend(EXCHANGE, delay, persistent("retry me"));

        assertThat(template.receive(target)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(target).getMessageCount() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(body(template.receive(target))).isEqualTo("retry me");
        assertThat(admin.getQueueInfo(delay).getMessageCount()).isZero();
    }

    @Test
    void aDelayQueueDeclaredBeforeItsQueueStillDeliversToIt() {
        String target = "early." + UUID.randomUUID();
        String delay = declareDelayQueue(target, 200);
        declareBound(target);

        template.convertAndSend(EXCHANGE, delay, persistent("late"));

        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(target).getMessageCount() == 1);
        assertThat(body(template.receive(target))).isEqualTo("late");
    }

    @Test
    void leavesOtherQueuesAlone() {
        String plain = declareBound("plain");
        CorrelationData correlation = new CorrelationData();
        template.send(EXCHANGE, plain, persistent("stays"), correlation);

        // A queue that only looks like a delay queue in part keeps its messages.
        String lookalike = declareBound("retry.later");
        template.convertAndSend(EXCHANGE, lookalike, persistent("stays too"));

        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(lookalike).getMessageCount() == 1);
        assertThat(body(template.receive(plain))).isEqualTo("stays");
        assertThat(body(template.receive(lookalike))).isEqualTo("stays too");
    }

    @Test
    void keepsDurableQueuesAndPersistentMessagesAcrossARestart() throws Exception {
        String queue = declareBound("kept");
        String delay = declareDelayQueue(queue, 300);
        CorrelationData correlation = new CorrelationData();
        template.send(EXCHANGE, queue, persistent("still here"), correlation);
        assertThat(correlation.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();

        connections.destroy();
        broker.close();
        broker = EmbeddedQpid.start(folder);
        connect();

        assertThat(body(template.receive(queue))).isEqualTo("still here");
        template.convertAndSend(EXCHANGE, delay, persistent("delayed after restart"));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.getQueueInfo(queue).getMessageCount() == 1);
    }

    private String declareBound(String prefix) {
        String name = prefix.contains(".") ? prefix : prefix + "." + UUID.randomUUID();
        DirectExchange exchange = new DirectExchange(EXCHANGE, true, false);
        Queue queue = QueueBuilder.durable(name).build();
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(name));
        return name;
    }

    /** Declared as sms-transport and callback-dispatcher declare theirs. */
    private String declareDelayQueue(String target, long millis) {
        String name = target + ".retry." + millis;
        DirectExchange exchange = new DirectExchange(EXCHANGE, true, false);
        Queue queue = QueueBuilder.durable(name)
                .withArguments(Map.of("x-message-ttl", millis,
                        "x-dead-letter-exchange", EXCHANGE,
                        "x-dead-letter-routing-key", target))
                .build();
        admin.declareExchange(exchange);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(name));
        return name;
    }

    private static Message persistent(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
    }

    private static String body(Message message) {
        assertThat(message).isNotNull();
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }
}
