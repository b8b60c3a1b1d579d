package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class MessagePublisherTest {

    private final TestBroker broker = new TestBroker(MessagePublisherTest.class);
    private final List<CachingConnectionFactory> extraConnections = new ArrayList<>();
    private MessagePublisher publisher;

    @BeforeEach
    void declareTransport() {
        broker.declareTransport();
        publisher = broker.publisher();
    }

    @AfterEach
    void deleteWhatTheTestDeclared() {
        extraConnections.forEach(CachingConnectionFactory::destroy);
        broker.close();
    }

    private static UserMessage message(String content) {
        return UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").content(content)
                .transportName("truteq").transportType("ussd").build();
    }

    @Test
    void completesOnceTheBrokerHasThePersistentJsonMessage() {
        UserMessage sent = message("hello");

        assertThat(publisher.publish(broker.queues().inbound(), sent)).succeedsWithin(TestBroker.PATIENCE);

        Message received = broker.take(broker.queues().inbound());
        assertThat(received).isNotNull();
        assertThat(broker.codec().decode(received.getBody(), UserMessage.class)).isEqualTo(sent);
        MessageProperties properties = received.getMessageProperties();
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getContentEncoding()).isEqualTo("UTF-8");
    }

    @Test
    void keepsTheCallersPropertiesOnTheMessage() {
        MessageProperties properties = new MessageProperties();
        properties.setCorrelationId("request-7");
        properties.setReplyTo("somewhere");
        properties.setHeader("x-tenant", "acme");

        assertThat(publisher.publish(broker.queues().inbound(), message("hi"), properties))
                .succeedsWithin(TestBroker.PATIENCE);

        MessageProperties received = broker.take(broker.queues().inbound()).getMessageProperties();
        assertThat(received.getCorrelationId()).isEqualTo("request-7");
        assertThat(received.getReplyTo()).isEqualTo("somewhere");
        assertThat(received.<String>getHeader("x-tenant")).isEqualTo("acme");
        assertThat(received.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
    }

    @Test
    void leavesTheCallersPropertiesAloneSoThatTheyCanBeSharedBetweenPublishes() {
        MessageProperties shared = new MessageProperties();
        shared.setHeader("x-tenant", "acme");

        assertThat(publisher.publish(broker.queues().inbound(), message("one"), shared))
                .succeedsWithin(TestBroker.PATIENCE);

        // The publish's own correlation header and sequence number must not leak into the next publish.
        assertThat(shared.getHeaders()).isEqualTo(Map.of("x-tenant", "acme"));
        assertThat(shared.getPublishSequenceNumber()).isZero();
        assertThat(shared.getContentType()).isEqualTo(MessageProperties.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void failsWithUnroutableMessageWhenNoQueueIsBoundToTheKey() {
        CompletableFuture<Void> published = publisher.publish("nobody.listens", message("lost?"));

        assertThat(published).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(UnroutableMessageException.class)
                .withMessageContaining("'nobody.listens'")
                .withMessageContaining(broker.exchange())
                .withMessageContaining("NO_ROUTE");
    }

    @Test
    void anUnroutableMessageDoesNotFailTheOthersPublishedWithIt() {
        List<CompletableFuture<Void>> published = List.of(
                publisher.publish(broker.queues().inbound(), message("1")),
                publisher.publish("nobody.listens", message("2")),
                publisher.publish(broker.queues().inbound(), message("3")));

        assertThat(published.get(0)).succeedsWithin(TestBroker.PATIENCE);
        assertThat(published.get(1)).failsWithin(TestBroker.PATIENCE);
        assertThat(published.get(2)).succeedsWithin(TestBroker.PATIENCE);
        assertThat(broker.ready(broker.queues().inbound())).isEqualTo(2);
    }

    @Test
    void failsWithPublishRefusedWhenTheExchangeDoesNotExist() {
        String exchange = TestBroker.uniqueName("no-such-exchange-");
        MessagePublisher nowhere = new MessagePublisher(
                AmqpConnections.publisherTemplate(connectionsOf(broker.uri())), new MessageCodec(), exchange);

        // The broker closes the channel; Spring nacks what was pending on it, without the broker's reason.
        assertThat(nowhere.publish(broker.queues().inbound(), message("x"))).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(PublishRefusedException.class)
                .withMessageContaining("'" + broker.queues().inbound() + "'")
                .withMessageContaining("'" + exchange + "'");
    }

    @Test
    void failsInsteadOfThrowingWhenTheBrokerCannotBeReached() {
        // Port 1 on the loopback refuses at once: nothing listens there.
        CachingConnectionFactory unreachable = connectionsOf(URI.create("amqp://guest:guest@127.0.0.1:1/%2F"));
        MessagePublisher publisher = new MessagePublisher(AmqpConnections.publisherTemplate(unreachable),
                new MessageCodec(), broker.exchange());

        assertThat(publisher.publish(broker.queues().inbound(), message("x"))).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(AmqpConnectException.class);
    }

    @Test
    void publishesManyMessagesWithoutWaitingForEachConfirm() {
        int count = 2_000;

        // Every publish returns before its confirm: the futures are awaited together, the way callers batch.
        List<CompletableFuture<Void>> published = IntStream.range(0, count)
                .mapToObj(i -> publisher.publish(broker.queues().inbound(), message("n" + i)))
                .toList();

        assertThat(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)))
                .succeedsWithin(TestBroker.PATIENCE);
        assertThat(broker.ready(broker.queues().inbound())).isEqualTo(count);
    }

    @Test
    void rejectsAMessageWhoseExtraFieldsClashWithItsOwn() {
        UserMessage clashing = message("x").toBuilder().extra(Map.of("content", "smuggled")).build();

        assertThatThrownBy(() -> publisher.publish(broker.queues().inbound(), clashing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extra field content");
    }

    @Test
    void rejectsMissingArguments() {
        assertThatThrownBy(() -> publisher.publish(null, message("x")))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("routingKey");
        assertThatThrownBy(() -> publisher.publish(broker.queues().inbound(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("message");
        assertThatThrownBy(() -> publisher.publish(broker.queues().inbound(), message("x"), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("properties");
        assertThatThrownBy(() -> new MessagePublisher(null, new MessageCodec(), "richmond"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("template");
    }

    private CachingConnectionFactory connectionsOf(URI uri) {
        CachingConnectionFactory connections = AmqpConnections.publisherConnectionFactory(uri, "test extra");
        extraConnections.add(connections);
        return connections;
    }
}
