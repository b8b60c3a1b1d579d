package io.richmond.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.sdk.amqp.UnroutableMessageException;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class WorkerMessageHandlerTest {

    private final TestBroker broker = new TestBroker(WorkerMessageHandlerTest.class);

    @BeforeEach
    void declareTransport() {
        broker.declareTransport();
    }

    @AfterEach
    void deleteWhatTheTestDeclared() {
        broker.close();
    }

    private UserMessage inbound(String content) {
        return UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").content(content)
                .transportName(broker.queues().transportName()).transportType("ussd").build();
    }

    private CompletionStage<?> handle(Worker worker, UserMessage message) throws Exception {
        return new WorkerMessageHandler(worker, broker.publisher()).handle(message);
    }

    @Test
    void sendsRepliesToTheOutboundQueueOfTheirTransportAndIsDoneWhenTheBrokerHasThem() throws Exception {
        UserMessage received = inbound("hi");

        CompletionStage<?> done = handle((message, outbox) -> {
            outbox.send(message.reply("one", null));
            outbox.send(message.reply("two", null));
        }, received);

        assertThat(done.toCompletableFuture()).succeedsWithin(TestBroker.PATIENCE);
        // Confirmed means on the queue already: no waiting needed.
        assertThat(broker.ready(broker.queues().outbound())).isEqualTo(2);
        UserMessage reply = broker.codec().decode(broker.take(broker.queues().outbound()).getBody(),
                UserMessage.class);
        assertThat(reply.inReplyTo()).isEqualTo(received.messageId());
        assertThat(reply.content()).isEqualTo("one");
    }

    @Test
    void publishesAnyMessageWithAnyRoutingKey() throws Exception {
        CompletionStage<?> done = handle((message, outbox) -> outbox.publish(broker.queues().event(),
                Event.ack(message, "provider-1")), inbound("hi"));

        assertThat(done.toCompletableFuture()).succeedsWithin(TestBroker.PATIENCE);
        assertThat(broker.ready(broker.queues().event())).isEqualTo(1);
    }

    @Test
    void isDoneAtOnceWhenTheWorkerSendsNothing() throws Exception {
        assertThat(handle((message, outbox) -> {
        }, inbound("hi")).toCompletableFuture()).isCompleted();
    }

    @Test
    void failsWhenAReplyCannotBeRouted() throws Exception {
        // A transport nobody declared: its outbound key has no queue.
        UserMessage elsewhere = inbound("hi").toBuilder().transportName(TestBroker.uniqueName("nowhere")).build();

        CompletionStage<?> done = handle((message, outbox) -> outbox.send(message.reply("lost?", null)), elsewhere);

        assertThat(done.toCompletableFuture()).failsWithin(TestBroker.PATIENCE)
                .withThrowableThat().havingRootCause().isInstanceOf(UnroutableMessageException.class);
    }

    @Test
    void letsTheWorkersExceptionThroughSoThatTheMessageGoesToFailures() {
        assertThatThrownBy(() -> handle((message, outbox) -> {
            throw new IllegalStateException("no such menu");
        }, inbound("hi"))).isInstanceOf(IllegalStateException.class).hasMessage("no such menu");
    }

    @Test
    void refusesToSendOnceHandleHasReturned() throws Exception {
        AtomicReference<Outbox> kept = new AtomicReference<>();
        UserMessage received = inbound("hi");
        CompletionStage<?> done = handle((message, outbox) -> kept.set(outbox), received);
        assertThat(done.toCompletableFuture()).isCompleted();

        // The message may already be acknowledged: a late reply would not be covered by it.
        assertThatThrownBy(() -> kept.get().send(received.reply("late", null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after");
        assertThat(broker.ready(broker.queues().outbound())).isZero();
    }

    @Test
    void rejectsASendWithAnInvalidTransportName() throws Exception {
        UserMessage received = inbound("hi");
        AtomicReference<Throwable> thrown = new AtomicReference<>();

        CompletableFuture<?> done = handle((message, outbox) -> {
            try {
                outbox.send(message.reply("x", null).toBuilder().transportName("Not Valid").build());
            } catch (IllegalArgumentException e) {
                thrown.set(e);
            }
        }, received).toCompletableFuture();

        assertThat(thrown.get()).hasMessageContaining("transport name");
        assertThat(done).isCompleted();
    }
}
