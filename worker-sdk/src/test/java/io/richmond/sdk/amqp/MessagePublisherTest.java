package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.testsupport.TcpRelay;

@RequiresRabbitMq
class MessagePublisherTest {

    private final TestBroker broker = new TestBroker(MessagePublisherTest.class);
    private MessagePublisher publisher;

    @BeforeEach
    void declareTransport() {
        broker.declareTransport();
        publisher = broker.publisher();
    }

    @AfterEach
    void deleteWhatTheTestDeclared() {
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
        MessagePublisher nowhere = new MessagePublisher(broker.confirmingPublisher(broker.uri()), new MessageCodec(),
                exchange);

        // The broker closes the channel: what was pending on it fails with the broker's reason.
        assertThat(nowhere.publish(broker.queues().inbound(), message("x"))).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(PublishRefusedException.class)
                .withMessageContaining("'" + broker.queues().inbound() + "'")
                .withMessageContaining("'" + exchange + "'")
                .withMessageContaining("NOT_FOUND");
    }

    @Test
    void publishesAgainOnAFreshChannelAfterTheBrokerClosedOne() {
        String missing = TestBroker.uniqueName("no-such-exchange-");
        ConfirmingPublisher confirming = broker.confirmingPublisher(broker.uri());
        MessagePublisher nowhere = new MessagePublisher(confirming, new MessageCodec(), missing);
        MessagePublisher somewhere = new MessagePublisher(confirming, new MessageCodec(), broker.exchange());

        // Both channels of the publisher are closed by the broker in turn, then replaced.
        assertThat(nowhere.publish(broker.queues().inbound(), message("1"))).failsWithin(TestBroker.PATIENCE);
        assertThat(nowhere.publish(broker.queues().inbound(), message("2"))).failsWithin(TestBroker.PATIENCE);
        List<CompletableFuture<Void>> published = IntStream.range(0, 4)
                .mapToObj(i -> somewhere.publish(broker.queues().inbound(), message("again " + i)))
                .toList();

        assertThat(CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)))
                .succeedsWithin(TestBroker.PATIENCE);
        assertThat(broker.ready(broker.queues().inbound())).isEqualTo(4);
    }

    @Test
    void reconnectsOnTheNextPublishAfterTheConnectionWasLost() {
        try (TcpRelay relay = new TcpRelay(broker.uri().getHost(), broker.uri().getPort()).start()) {
            MessagePublisher publisher = new MessagePublisher(broker.confirmingPublisher(
                    URI.create("amqp://guest:guest@127.0.0.1:" + relay.port() + "/%2F")), new MessageCodec(),
                    broker.exchange());
            assertThat(publisher.publish(broker.queues().inbound(), message("before")))
                    .succeedsWithin(TestBroker.PATIENCE);

            relay.dropConnections();

            // The first publishes may still find the dying connection; a later one opens a new connection.
            await().atMost(TestBroker.PATIENCE).until(() -> publisher.publish(broker.queues().inbound(),
                    message("after")).handle((ok, failure) -> failure == null).get());
            assertThat(broker.ready(broker.queues().inbound())).isEqualTo(2);
        }
    }

    @Test
    void refusesToPublishOnceClosed() {
        ConfirmingPublisher confirming = broker.confirmingPublisher(broker.uri());
        confirming.close();

        assertThat(new MessagePublisher(confirming, new MessageCodec(), broker.exchange())
                .publish(broker.queues().inbound(), message("late"))).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(IllegalStateException.class)
                .withMessageContaining("closed");
    }

    @Test
    void failsInsteadOfThrowingWhenTheBrokerCannotBeReached() {
        // Port 1 on the loopback refuses at once: nothing listens there.
        MessagePublisher publisher = new MessagePublisher(
                broker.confirmingPublisher(URI.create("amqp://guest:guest@127.0.0.1:1/%2F")), new MessageCodec(),
                broker.exchange());

        assertThat(publisher.publish(broker.queues().inbound(), message("x"))).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(ConnectException.class);
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
                .isInstanceOf(NullPointerException.class).hasMessageContaining("publisher");
        assertThatThrownBy(() -> new ConfirmingPublisher(broker.uri(), "test", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one channel");
    }
}
