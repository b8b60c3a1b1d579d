package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.rabbitmq.client.Connection;

import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.FailureMessage.FailureCode;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.RequiresRabbitMq;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RequiresRabbitMq
class MessageDispatcherTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String UNDER_TEST = "under test";

    private final TestBroker broker = new TestBroker(MessageDispatcherTest.class);
    private final BlockingQueue<UserMessage> handled = new LinkedBlockingQueue<>();
    private ExecutorService dispatch;
    private Connection connection;
    private QueueConsumer consumer;

    @BeforeEach
    void connect() throws Exception {
        broker.declareTransport();
        dispatch = Executors.newFixedThreadPool(2);
        connection = AmqpConnections.consumerConnection(broker.uri(), "test dispatcher", dispatch);
    }

    @AfterEach
    void disconnect() throws Exception {
        try {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
            }
            if (connection.isOpen()) {
                connection.close();
            }
            dispatch.shutdownNow();
        } finally {
            broker.close();
        }
    }

    /**
     * Consumes the inbound queue: a message whose content is {@link #UNDER_TEST} goes to {@code underTest}, any
     * other is recorded in {@link #handled}.
     */
    private void consume(MessageHandler<UserMessage> underTest) throws IOException {
        MessageHandler<UserMessage> handler = message -> {
            if (UNDER_TEST.equals(message.content())) {
                return underTest.handle(message);
            }
            handled.add(message);
            return CompletableFuture.completedFuture(null);
        };
        consumer = new QueueConsumer(connection, broker.queues().inbound(), 10, 1, new MessageDispatcher<>(
                broker.codec(), broker.publisher(), broker.queues().failures(), UserMessage.class, handler));
        consumer.start();
    }

    private static UserMessage message(String content) {
        return UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").content(content)
                .transportName("truteq").transportType("ussd").build();
    }

    private void publish(UserMessage message) {
        broker.publishRaw(broker.queues().inbound(), broker.codec().encode(message));
    }

    private UserMessage awaitHandled() throws InterruptedException {
        UserMessage message = handled.poll(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a handled message within " + TestBroker.PATIENCE).isNotNull();
        return message;
    }

    private FailureMessage awaitFailure() {
        return broker.codec().decode(broker.awaitMessage(broker.queues().failures()).getBody(), FailureMessage.class);
    }

    /** The queue goes on: the message after a bad one is handled, and neither stays on the queue. */
    private void assertTheNextMessageIsHandled() throws InterruptedException {
        UserMessage next = message("next");
        publish(next);
        assertThat(awaitHandled()).isEqualTo(next);
        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        assertThat(broker.ready(broker.queues().inbound())).isZero();
        assertThat(broker.ready(broker.queues().failures())).as("one failure per bad message").isZero();
    }

    @Test
    void handsTheHandlerEachMessageDecoded() throws Exception {
        consume(message -> CompletableFuture.completedFuture(null));
        UserMessage first = message("1");
        UserMessage second = message("2");

        publish(first);
        publish(second);

        assertThat(awaitHandled()).isEqualTo(first);
        assertThat(awaitHandled()).isEqualTo(second);
        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        assertThat(broker.ready(broker.queues().failures())).isZero();
    }

    @Test
    void theMessageIsAcknowledgedOnlyWhenTheHandlersStageCompletes() throws Exception {
        CompletableFuture<Void> work = new CompletableFuture<>();
        MessageHandler<UserMessage> holding = message -> work;
        consume(holding);
        publish(message(UNDER_TEST));

        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 1);
        assertThat(broker.ready(broker.queues().inbound())).isZero();
        // A second consumer gets nothing: the message is with the first, unacknowledged.
        assertThat(broker.take(broker.queues().inbound())).isNull();

        work.complete(null);

        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        connection.close();
        assertThat(broker.ready(broker.queues().inbound())).isZero();
        assertThat(broker.ready(broker.queues().failures())).isZero();
    }

    static Stream<Arguments> undecodableBodies() {
        String userMessage = Fixtures.text("vumi/user_message_ussd_new.json");
        return Stream.of(
                argumentSet("truncated JSON", "{\"message_version\": ", "not JSON"),
                argumentSet("plain text", "hello there", "not JSON"),
                argumentSet("an empty body", "", "not JSON: the body is empty"),
                argumentSet("JSON null", "null", "a message must be a JSON object, got null"),
                argumentSet("a JSON array", "[1, 2]", "a message must be a JSON object, got array"),
                argumentSet("an event, not a user message", Fixtures.text("vumi/event_ack.json"),
                        "message_type is event, expected UserMessage"),
                argumentSet("an unknown message_type",
                        userMessage.replace("\"user_message\"", "\"telegram\""), "unknown message_type telegram"),
                argumentSet("another message_version",
                        userMessage.replace("\"20110921\"", "\"1\""), "message_version is 1"),
                argumentSet("a user message without to_addr",
                        userMessage.replace("\"to_addr\": \"*678#\",", ""), "missing field to_addr"));
    }

    @ParameterizedTest
    @MethodSource("undecodableBodies")
    void sendsAMessageThatDoesNotDecodeToFailuresAsPermanentAndGoesOn(String body, String why) throws Exception {
        consume(message -> CompletableFuture.completedFuture(null));

        broker.publishRaw(broker.queues().inbound(), body.getBytes(StandardCharsets.UTF_8));

        FailureMessage failure = awaitFailure();
        assertThat(failure.failureCode()).isEqualTo(FailureCode.PERMANENT);
        assertThat(failure.reason())
                .startsWith("cannot decode message from " + broker.queues().inbound() + ": ")
                .contains(why);
        assertThat(failure.message()).as("everything received is kept").isEqualTo(keptAs(body));
        assertThat(handled).isEmpty();
        assertTheNextMessageIsHandled();
    }

    /** A body that is JSON is kept as JSON, anything else as a string holding its text. */
    private static JsonNode keptAs(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
                return tree;
            }
        } catch (RuntimeException notJson) {
            // kept as text, below
        }
        return JSON.getNodeFactory().stringNode(body);
    }

    static Stream<Arguments> failingHandlers() {
        return Stream.of(
                argumentSet("throws an unchecked exception", (MessageHandler<UserMessage>) message -> {
                    throw new IllegalStateException("boom: no such menu");
                }, "java.lang.IllegalStateException: boom: no such menu"),
                argumentSet("throws a checked exception", (MessageHandler<UserMessage>) message -> {
                    throw new IOException("boom: disk full");
                }, "java.io.IOException: boom: disk full"),
                argumentSet("throws an error", (MessageHandler<UserMessage>) message -> {
                    throw new AssertionError("boom: cannot happen");
                }, "java.lang.AssertionError: boom: cannot happen"),
                argumentSet("returns a failed stage", (MessageHandler<UserMessage>) message ->
                        CompletableFuture.failedFuture(new IllegalArgumentException("boom: bad reply")),
                        "java.lang.IllegalArgumentException: boom: bad reply"),
                argumentSet("returns a stage that fails later", (MessageHandler<UserMessage>) message ->
                        CompletableFuture.runAsync(() -> {
                            throw new UnsupportedOperationException("boom: later");
                        }), "java.lang.UnsupportedOperationException: boom: later"),
                argumentSet("returns no stage", (MessageHandler<UserMessage>) message -> null,
                        "returned no CompletionStage"));
    }

    @ParameterizedTest
    @MethodSource("failingHandlers")
    void sendsAMessageWhoseHandlerFailsToFailuresWithTheReasonAndGoesOn(MessageHandler<UserMessage> failing,
            String why) throws Exception {
        consume(failing);
        UserMessage poison = message(UNDER_TEST);

        publish(poison);

        FailureMessage failure = awaitFailure();
        assertThat(failure.failureCode()).as("unknown whether a retry can help").isNull();
        assertThat(failure.reason()).as("the stack trace").contains(why).contains("\tat ");
        assertThat(failure.message()).isEqualTo(JSON.readTree(broker.codec().encode(poison)));
        assertTheNextMessageIsHandled();
    }

    @Test
    void requeuesAMessageWhoseFailureCannotBeRecordedRatherThanLoseIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        consume(message -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("boom");
        });
        // Without the failures queue the failure_message is unroutable: the broker did not take it.
        broker.admin().deleteQueue(broker.queues().failures());

        publish(message(UNDER_TEST));

        await().atMost(TestBroker.PATIENCE).until(() -> attempts.get() >= 2);
        consumer.close(Duration.ofSeconds(5));
        assertThat(broker.ready(broker.queues().inbound())).isEqualTo(1);
    }

    @Test
    void putsAMessageBackOnItsQueueWhenItsHandlerFailsForNowAndHandlesItAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        consume(message -> {
            if (attempts.incrementAndGet() == 1) {
                // What a JPA handler throws while PostgreSQL restarts: a rollback on a connection it terminated.
                throw new IllegalStateException("Unable to rollback against JDBC Connection",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
            }
            handled.add(message);
            return CompletableFuture.completedFuture(null);
        });
        UserMessage delayed = message(UNDER_TEST);

        publish(delayed);

        assertThat(awaitHandled()).isEqualTo(delayed);
        assertThat(attempts).hasValue(2);
        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        assertThat(broker.ready(broker.queues().inbound())).isZero();
        assertThat(broker.ready(broker.queues().failures())).as("not the message's fault").isZero();
    }
}
