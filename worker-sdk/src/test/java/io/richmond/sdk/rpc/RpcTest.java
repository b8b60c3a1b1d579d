package io.richmond.sdk.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.QueueBuilder;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.testsupport.RequiresRabbitMq;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@RequiresRabbitMq
class RpcTest {

    /** Consumers (channels) per worker host. */
    private static final int WORKER_CONCURRENCY = 2;

    private final TestBroker broker = new TestBroker(RpcTest.class);
    private final String queue = TestBroker.uniqueName("rpc.upper.");
    private final String responses = TestBroker.uniqueName("rpc.responses.");
    /** Where the tests that speak the wire protocol by hand take responses. */
    private final String wire = TestBroker.uniqueName("rpc.wire.");
    /** Closed last-started first, the session the tests publish on last. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private BrokerSession session;

    @BeforeEach
    void connect() throws Exception {
        session = open(BrokerSession.open(broker.uri(), broker.exchange(), "rpc test", 1));
        session.declareQueues(QueueBuilder.durable(wire).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
        List.of(queue, responses, wire).forEach(broker::deleteLater);
        broker.close();
    }

    @Test
    void answersARequestWithTheWorkersResponse() throws Exception {
        startWorker(RpcTest::upperCase, "worker");
        RpcClient client = startClient(TestBroker.PATIENCE);

        CompletableFuture<JsonNode> response = client.call(queue, text("hello"));

        assertThat(response).succeedsWithin(TestBroker.PATIENCE).isEqualTo(text("HELLO"));
    }

    @Test
    void answersWithTheExceptionHeadersWhenTheHandlerThrows() throws Exception {
        startWorker(RpcTest::upperCase, "worker");
        RpcClient client = startClient(TestBroker.PATIENCE);

        assertThat(client.call(queue, JsonNodeFactory.instance.objectNode().put("number", 7)))
                .failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcRemoteException.class, remote -> {
                    assertThat(remote.remoteMessage()).isEqualTo("the request has no text field");
                    assertThat(remote.exceptionName()).isEqualTo("IllegalArgumentException");
                    assertThat(remote.exceptionType()).isEqualTo("java.lang.IllegalArgumentException");
                });

        // The same on the wire, as an edeposit.amqp client sees it.
        sendByHand("uuid-of-a-bad-request", "{\"number\": 7}");
        MessageProperties answer = broker.awaitMessage(wire).getMessageProperties();
        assertThat(answer.getHeaders()).containsEntry(RpcHeaders.UUID, "uuid-of-a-bad-request")
                .containsEntry(RpcHeaders.EXCEPTION, "the request has no text field")
                .containsEntry(RpcHeaders.EXCEPTION_NAME, "IllegalArgumentException")
                .containsEntry(RpcHeaders.EXCEPTION_TYPE, "java.lang.IllegalArgumentException");
        assertThat(answer.getCorrelationId()).isEqualTo("uuid-of-a-bad-request");
    }

    @Test
    void pairsTheResponseByTheUuidInHeaderAndCorrelationId() throws Exception {
        startWorker(RpcTest::upperCase, "worker");

        sendByHand("a-uuid-of-the-callers", "{\"text\": \"by hand\"}");

        Message answer = broker.awaitMessage(wire);
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"BY HAND\"}");
        assertThat(answer.getMessageProperties().<String>getHeader(RpcHeaders.UUID)).isEqualTo("a-uuid-of-the-callers");
        assertThat(answer.getMessageProperties().getCorrelationId()).isEqualTo("a-uuid-of-the-callers");
        assertThat(answer.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(answer.getMessageProperties().getHeaders()).doesNotContainKey(RpcHeaders.EXCEPTION);
    }

    @Test
    void dropsARequestWithoutUuidWithAWarningAndServesTheNextOne() throws Exception {
        startWorker(RpcTest::upperCase, "worker");
        RpcClient client = startClient(TestBroker.PATIENCE);

        try (CapturedOutput output = new CapturedOutput()) {
            MessageProperties properties = new MessageProperties();
            properties.setReplyTo(wire);
            assertThat(session.rawPublisher().publish(queue, "{\"text\": \"lost\"}".getBytes(StandardCharsets.UTF_8),
                    properties)).succeedsWithin(TestBroker.PATIENCE);

            await().atMost(TestBroker.PATIENCE).until(() -> output.text().contains(
                    queue + ": dropping a request without a UUID header"));
        }

        assertThat(client.call(queue, text("next"))).succeedsWithin(TestBroker.PATIENCE).isEqualTo(text("NEXT"));
        assertThat(broker.ready(wire)).isZero();
        assertThat(broker.ready(queue)).isZero();
    }

    @Test
    void failsWithATimeoutNamingTheRequestWhenNoWorkerAnswers() throws Exception {
        String unserved = TestBroker.uniqueName("rpc.unserved.");
        broker.deleteLater(unserved);
        session.declareQueues(QueueBuilder.durable(unserved).build());
        RpcClient client = startClient(Duration.ofMillis(300));

        assertThat(client.call(unserved, text("anyone?")))
                .failsWithin(TestBroker.PATIENCE)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(RpcTimeoutException.class, timeout -> {
                    assertThat(timeout.routingKey()).isEqualTo(unserved);
                    assertThat(timeout.getMessage()).contains(timeout.uuid()).contains("'" + unserved + "'");
                });
    }

    @Test
    void workersSharingAQueueEachServeSomeAndEveryCallerGetsItsOwnAnswer() throws Exception {
        for (int i = 0; i < 3; i++) {
            String worker = "worker-" + i;
            startWorker((request, headers) -> ((ObjectNode) upperCase(request, headers)).put("worker", worker),
                    worker);
        }
        RpcClient client = startClient(TestBroker.PATIENCE);
        await().atMost(TestBroker.PATIENCE).until(() -> broker.consumers(queue) == 3 * WORKER_CONCURRENCY);

        List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 60)
                .mapToObj(i -> client.call(queue, text("request " + i)))
                .toList();

        assertThat(CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)))
                .succeedsWithin(TestBroker.PATIENCE);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).join().get("text").stringValue()).isEqualTo("REQUEST " + i);
        }
        Set<String> workers = answers.stream().map(answer -> answer.join().get("worker").stringValue())
                .collect(Collectors.toSet());
        assertThat(workers).containsExactlyInAnyOrder("worker-0", "worker-1", "worker-2");
    }

    private static JsonNode upperCase(JsonNode request, Map<String, Object> headers) {
        JsonNode text = request.get("text");
        if (text == null || !text.isString()) {
            throw new IllegalArgumentException("the request has no text field");
        }
        return JsonNodeFactory.instance.objectNode().put("text", text.stringValue().toUpperCase(Locale.ROOT));
    }

    private static JsonNode text(String text) {
        return JsonNodeFactory.instance.objectNode().put("text", text);
    }

    private void sendByHand(String uuid, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader(RpcHeaders.UUID, uuid);
        properties.setReplyTo(wire);
        assertThat(session.rawPublisher().publish(queue, body.getBytes(StandardCharsets.UTF_8), properties))
                .succeedsWithin(TestBroker.PATIENCE);
    }

    private void startWorker(RpcWorker worker, String name) throws Exception {
        RpcWorkerHost host = open(new RpcWorkerHost(
                new RpcWorkerConfig(broker.uri(), broker.exchange(), queue, null, 5, WORKER_CONCURRENCY), worker,
                name));
        host.start();
    }

    private RpcClient startClient(Duration timeout) throws Exception {
        RpcClient client = open(new RpcClient(
                new RpcClientConfig(broker.uri(), broker.exchange(), responses, timeout), "test client"));
        client.start();
        return client;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        started.push(closeable);
        return closeable;
    }
}
