package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class QueueConsumerTest {

    private final TestBroker broker = new TestBroker(QueueConsumerTest.class);
    private final BlockingQueue<Delivery> delivered = new LinkedBlockingQueue<>();
    private ExecutorService dispatch;
    private Connection connection;
    private QueueConsumer consumer;
    private String inbound;

    @BeforeEach
    void connect() throws Exception {
        broker.declareTransport();
        inbound = broker.queues().inbound();
        dispatch = Executors.newFixedThreadPool(4);
        connection = AmqpConnections.consumerConnection(broker.uri(), "test consumer", dispatch);
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

    private QueueConsumer consume(int prefetch, int concurrency, DeliveryHandler handler) throws IOException {
        consumer = new QueueConsumer(connection, inbound, prefetch, concurrency, delivery -> {
            delivered.add(delivery);
            return handler.handle(delivery);
        });
        consumer.start();
        return consumer;
    }

    private void publish(String body) {
        broker.publishRaw(inbound, body.getBytes(StandardCharsets.UTF_8));
    }

    private Delivery awaitDelivery() throws InterruptedException {
        Delivery delivery = delivered.poll(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(delivery).as("a delivery within " + TestBroker.PATIENCE).isNotNull();
        return delivery;
    }

    private static String body(Delivery delivery) {
        return new String(delivery.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void keepsADeliveryUnacknowledgedWhileItsStageIsOpen() throws Exception {
        CompletableFuture<Void> work = new CompletableFuture<>();
        consume(10, 1, delivery -> work);
        publish("m1");
        awaitDelivery();

        assertThat(consumer.inFlight()).isEqualTo(1);
        assertThat(broker.ready(inbound)).isZero();
        // Dropping the connection hands back whatever was not acknowledged.
        connection.abort();

        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(inbound) == 1);
        // Finishing late only fails to acknowledge on the dead channel; it is not counted in flight any longer.
        work.complete(null);
        assertThat(consumer.inFlight()).isZero();
    }

    @Test
    void acknowledgesTheDeliveryWhenItsStageCompletes() throws Exception {
        CompletableFuture<Void> work = new CompletableFuture<>();
        consume(10, 1, delivery -> work);
        publish("m1");
        awaitDelivery();

        work.complete(null);

        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        connection.close();
        assertThat(broker.ready(inbound)).as("acknowledged, so not handed back").isZero();
    }

    @Test
    void acknowledgesADeliveryWhoseStageIsAlreadyCompleteAtOnce() throws Exception {
        consume(10, 1, delivery -> CompletableFuture.completedFuture(null));
        for (int i = 0; i < 50; i++) {
            publish("m" + i);
        }

        await().atMost(TestBroker.PATIENCE).until(() -> delivered.size() == 50 && consumer.inFlight() == 0);
        connection.close();
        assertThat(broker.ready(inbound)).isZero();
    }

    static Stream<Arguments> brokenHandlers() {
        return Stream.of(
                Arguments.argumentSet("stage fails", (Function<Integer, CompletionStage<?>>) attempt -> attempt == 1
                        ? CompletableFuture.failedFuture(new IOException("could not record the failure"))
                        : CompletableFuture.completedFuture(null)),
                Arguments.argumentSet("throws an exception", (Function<Integer, CompletionStage<?>>) attempt -> {
                    if (attempt == 1) {
                        throw new IllegalStateException("bug");
                    }
                    return CompletableFuture.completedFuture(null);
                }),
                // An Error escaping to the client library would close the channel: the consumer would be dead.
                Arguments.argumentSet("throws an error", (Function<Integer, CompletionStage<?>>) attempt -> {
                    if (attempt == 1) {
                        throw new AssertionError("bug");
                    }
                    return CompletableFuture.completedFuture(null);
                }),
                Arguments.argumentSet("returns no stage",
                        (Function<Integer, CompletionStage<?>>) attempt -> attempt == 1
                        ? null
                        : CompletableFuture.completedFuture(null)));
    }

    @ParameterizedTest
    @MethodSource("brokenHandlers")
    void requeuesADeliveryTheHandlerCouldNotSettleAndGoesOnConsuming(Function<Integer, CompletionStage<?>> handler)
            throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        consume(10, 1, delivery -> handler.apply(attempts.incrementAndGet()));
        publish("m1");

        Delivery first = awaitDelivery();
        Delivery second = awaitDelivery();

        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        assertThat(second.getEnvelope().isRedeliver()).isTrue();
        assertThat(body(second)).isEqualTo("m1");
        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0);
        publish("m2");
        assertThat(body(awaitDelivery())).isEqualTo("m2");
    }

    @Test
    void closeWaitsForInFlightDeliveriesToBeAcknowledged() throws Exception {
        CompletableFuture<Void> work = new CompletableFuture<>();
        consume(10, 1, delivery -> work);
        publish("slow");
        awaitDelivery();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> consumer.close(Duration.ofSeconds(30)));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closed.isDone());
        work.complete(null);
        assertThat(closed).succeedsWithin(TestBroker.PATIENCE);
        assertThat(consumer.inFlight()).isZero();
        assertThat(broker.consumers(inbound)).isZero();
        connection.close();
        assertThat(broker.ready(inbound)).as("acknowledged before close returned, so never redelivered").isZero();
    }

    @Test
    void closeHandsBackWhatIsStillInFlightAfterTheGrace() throws Exception {
        consume(10, 1, delivery -> new CompletableFuture<>());
        publish("stuck");
        awaitDelivery();

        assertThat(CompletableFuture.runAsync(() -> consumer.close(Duration.ofMillis(200))))
                .succeedsWithin(TestBroker.PATIENCE);

        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(inbound) == 1);
    }

    @Test
    void closeReturnsPrefetchedDeliveriesThatNeverStarted() throws Exception {
        for (int i = 1; i <= 5; i++) {
            publish("m" + i);
        }
        CountDownLatch release = new CountDownLatch(1);
        // The handler works synchronously, so the other four wait in the client, prefetched but not started.
        consume(10, 1, delivery -> {
            waitFor(release);
            return CompletableFuture.completedFuture(null);
        });
        assertThat(body(awaitDelivery())).isEqualTo("m1");
        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(inbound) == 0);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> consumer.close(Duration.ofSeconds(30)));
        await().atMost(TestBroker.PATIENCE).until(() -> broker.consumers(inbound) == 0);
        release.countDown();

        assertThat(closed).succeedsWithin(TestBroker.PATIENCE);
        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(inbound) == 4);
        assertThat(delivered).as("none of the prefetched ones was handled").isEmpty();
    }

    @Test
    void runsOneConsumerPerConcurrencyStepInParallel() throws Exception {
        CyclicBarrier allThree = new CyclicBarrier(3);
        // Each handler blocks until all three run at once: with fewer in parallel the barrier times out.
        consume(1, 3, delivery -> {
            try {
                allThree.await(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                return CompletableFuture.completedFuture(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        assertThat(broker.consumers(inbound)).isEqualTo(3);

        publish("a");
        publish("b");
        publish("c");

        assertThat(List.of(body(awaitDelivery()), body(awaitDelivery()), body(awaitDelivery())))
                .containsExactlyInAnyOrder("a", "b", "c");
        await().atMost(TestBroker.PATIENCE).until(() -> consumer.inFlight() == 0 && broker.ready(inbound) == 0);
        assertThat(allThree.isBroken()).isFalse();
        assertThat(delivered).as("nothing redelivered").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "-1, 1", "1, 0", "1, -3", "65536, 1"})
    void rejectsAPrefetchOrConcurrencyOutOfRange(int prefetch, int concurrency) {
        assertThatThrownBy(() -> new QueueConsumer(connection, inbound, prefetch, concurrency,
                delivery -> CompletableFuture.completedFuture(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefetch")
                .hasMessageContaining("concurrency");
    }

    @Test
    void rejectsMissingArguments() {
        DeliveryHandler handler = delivery -> CompletableFuture.completedFuture(null);
        assertThatThrownBy(() -> new QueueConsumer(null, inbound, 1, 1, handler))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("connection");
        assertThatThrownBy(() -> new QueueConsumer(connection, null, 1, 1, handler))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("queue");
        assertThatThrownBy(() -> new QueueConsumer(connection, inbound, 1, 1, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("handler");
    }

    @Test
    void failsToStartOnAQueueThatDoesNotExist() {
        consumer = new QueueConsumer(connection, TestBroker.uniqueName("missing."), 1, 2,
                delivery -> CompletableFuture.completedFuture(null));

        assertThatThrownBy(consumer::start).isInstanceOf(IOException.class)
                .rootCause().hasMessageContaining("NOT_FOUND");
    }

    @Test
    void cannotStartTwiceNorAfterClose() throws Exception {
        consume(1, 1, delivery -> CompletableFuture.completedFuture(null));

        // Starting twice would double the consumers; after close, every delivery would be handed straight back.
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class);
        consumer.close(Duration.ofSeconds(5));
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class);
        assertThat(broker.consumers(inbound)).isZero();
    }

    @Test
    void closingTwiceOrBeforeStartingIsHarmless() {
        QueueConsumer never = new QueueConsumer(connection, inbound, 1, 1,
                delivery -> CompletableFuture.completedFuture(null));

        never.close(Duration.ofSeconds(1));
        never.close();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released the handler");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
