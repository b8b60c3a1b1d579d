package io.richmond.sdk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerSettings;
import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class WorkerHostTest {

    /** Answers every message with "echo " and its content. */
    private static final Worker ECHO = (message, outbox) ->
            outbox.send(message.reply("echo " + message.content(), null));

    private final TestBroker broker = new TestBroker(WorkerHostTest.class);
    private final List<WorkerHost> hosts = new ArrayList<>();

    @AfterEach
    void stopHostsAndDeleteWhatTheTestDeclared() {
        try {
            hosts.forEach(host -> host.stop(Duration.ofSeconds(5)));
        } finally {
            broker.close();
        }
    }

    private RunnerConfig config(int concurrency) {
        return new RunnerConfig(broker.uri(), broker.exchange(), 20, broker.queues().transportName(), concurrency,
                Path.of("no-workers-here"), WorkerSettings.empty());
    }

    private WorkerHost start(Worker worker, String name) throws Exception {
        WorkerHost host = new WorkerHost(config(4), worker, name);
        hosts.add(host);
        host.start();
        return host;
    }

    private UserMessage send(String content) {
        UserMessage message = UserMessage.builder().toAddr("*120#").fromAddr("+27831234567").content(content)
                .transportName(broker.queues().transportName()).transportType("ussd").build();
        broker.publishRaw(broker.queues().inbound(), broker.codec().encode(message));
        return message;
    }

    private UserMessage awaitReply() {
        return broker.codec().decode(broker.awaitMessage(broker.queues().outbound()).getBody(), UserMessage.class);
    }

    @Test
    void declaresTheTransportsQueuesAndAnswersThroughTheWorker() throws Exception {
        start(ECHO, "echo");

        UserMessage sent = send("hello");

        UserMessage reply = awaitReply();
        assertThat(reply.content()).isEqualTo("echo hello");
        assertThat(reply.inReplyTo()).isEqualTo(sent.messageId());
        assertThat(reply.toAddr()).isEqualTo(sent.fromAddr());
        assertThat(broker.consumers(broker.queues().inbound())).isEqualTo(4);
    }

    @Test
    void aHostGivenAQueueConsumesThatQueueInsteadOfTheInboundOne() throws Exception {
        String keywordQueue = TestBroker.uniqueName("keyword.test");
        broker.declareTransport();
        broker.admin().declareQueue(new org.springframework.amqp.core.Queue(keywordQueue, true, false, false));
        broker.admin().declareBinding(new org.springframework.amqp.core.Binding(keywordQueue,
                org.springframework.amqp.core.Binding.DestinationType.QUEUE, broker.exchange(), keywordQueue, null));
        broker.deleteLater(keywordQueue);
        WorkerHost host = new WorkerHost(config(1), ECHO, "keyword", keywordQueue);
        hosts.add(host);
        host.start();

        UserMessage message = UserMessage.builder().toAddr("32323").fromAddr("+27831234567").content("win now")
                .transportName(broker.queues().transportName()).transportType("sms").build();
        broker.publishRaw(keywordQueue, broker.codec().encode(message));

        assertThat(awaitReply().content()).isEqualTo("echo win now");
        assertThat(broker.consumers(keywordQueue)).isEqualTo(1);
        assertThat(broker.consumers(broker.queues().inbound())).isZero();
    }

    @Test
    void hostsOnOneTransportShareTheWorkAndAnswerEachMessageOnce() throws Exception {
        AtomicInteger handledByFirst = new AtomicInteger();
        AtomicInteger handledBySecond = new AtomicInteger();
        WorkerHost first = start(counting(handledByFirst), "first");
        WorkerHost second = start(counting(handledBySecond), "second");
        int count = 200;

        Set<String> sent = new HashSet<>();
        for (int i = 0; i < count; i++) {
            sent.add(send("n" + i).messageId());
        }

        List<UserMessage> replies = new ArrayList<>();
        await().atMost(TestBroker.PATIENCE).until(() -> {
            for (Message reply; (reply = broker.take(broker.queues().outbound())) != null; ) {
                replies.add(broker.codec().decode(reply.getBody(), UserMessage.class));
            }
            return replies.size() >= count;
        });
        // Stopped hosts publish nothing more: what is on the queues now is all there will be.
        first.stop(Duration.ofSeconds(10));
        second.stop(Duration.ofSeconds(10));
        assertThat(replies).extracting(UserMessage::inReplyTo)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(broker.ready(broker.queues().outbound())).isZero();
        assertThat(broker.ready(broker.queues().inbound())).isZero();
        assertThat(broker.ready(broker.queues().failures())).isZero();
        assertThat(handledByFirst.get()).isPositive();
        assertThat(handledBySecond.get()).isPositive();
        assertThat(handledByFirst.get() + handledBySecond.get()).isEqualTo(count);
    }

    private static Worker counting(AtomicInteger handled) {
        return (message, outbox) -> {
            handled.incrementAndGet();
            ECHO.handle(message, outbox);
        };
    }

    @Test
    void aWorkerThatThrowsSendsTheMessageToFailuresAndTheNextIsServed() throws Exception {
        start((message, outbox) -> {
            if (message.content().equals("crash")) {
                throw new IllegalStateException("menu 7 does not exist");
            }
            ECHO.handle(message, outbox);
        }, "fragile");

        UserMessage poison = send("crash");
        FailureMessage failure = broker.codec().decode(broker.awaitMessage(broker.queues().failures()).getBody(),
                FailureMessage.class);
        send("next");

        assertThat(failure.reason()).contains("IllegalStateException: menu 7 does not exist");
        assertThat(failure.message().get("message_id").stringValue()).isEqualTo(poison.messageId());
        assertThat(awaitReply().content()).isEqualTo("echo next");
    }

    @Test
    void stopFinishesAndAcknowledgesTheMessagesInFlight() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        WorkerHost host = start((message, outbox) -> {
            working.countDown();
            assertThat(finish.await(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            ECHO.handle(message, outbox);
        }, "slow");
        send("take your time");
        assertThat(working.await(TestBroker.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> host.stop(Duration.ofSeconds(30)));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !stopped.isDone());
        finish.countDown();

        assertThat(stopped).succeedsWithin(TestBroker.PATIENCE);
        assertThat(broker.take(broker.queues().outbound())).as("the reply was published before stop returned")
                .isNotNull();
        assertThat(broker.ready(broker.queues().inbound())).as("acknowledged, so never redelivered").isZero();
        assertThat(broker.consumers(broker.queues().inbound())).isZero();
    }

    @Test
    void failsToStartWhenTheBrokerCannotBeReached() {
        RunnerConfig unreachable = new RunnerConfig(URI.create("amqp://guest:guest@127.0.0.1:1/%2F"),
                broker.exchange(), 20, broker.queues().transportName(), 2, Path.of("none"), WorkerSettings.empty());
        WorkerHost host = new WorkerHost(unreachable, ECHO, "unreachable");

        assertThatThrownBy(host::start).hasMessageContaining("Connection refused");
        // What start opened before failing is closed again: stopping is harmless.
        host.stop(Duration.ofSeconds(1));
    }

    @Test
    void cannotStartTwice() throws Exception {
        WorkerHost host = start(ECHO, "twice");

        assertThatThrownBy(host::start).isInstanceOf(IllegalStateException.class);
        assertThat(broker.consumers(broker.queues().inbound())).isEqualTo(4);
    }

    @Test
    void stoppingTwiceOrBeforeStartingIsHarmless() throws Exception {
        new WorkerHost(config(1), ECHO, "never started").stop(Duration.ofSeconds(1));
        WorkerHost host = start(ECHO, "stopped twice");

        host.stop(Duration.ofSeconds(5));
        host.close();

        assertThat(broker.consumers(broker.queues().inbound())).isZero();
    }

    @Test
    void rejectsMissingArguments() {
        assertThatThrownBy(() -> new WorkerHost(null, ECHO, "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("config");
        assertThatThrownBy(() -> new WorkerHost(config(1), null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("worker");
        assertThatThrownBy(() -> new WorkerHost(config(1), ECHO, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("name");
    }
}
