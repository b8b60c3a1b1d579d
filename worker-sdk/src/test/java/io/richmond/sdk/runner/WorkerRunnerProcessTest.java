package io.richmond.sdk.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.sdk.message.UserMessage;
import io.richmond.testsupport.RequiresRabbitMq;

/** The runner as a real process: SIGTERM lets the message in hand finish and be acknowledged. */
@RequiresRabbitMq
class WorkerRunnerProcessTest {

    private final TestBroker broker = new TestBroker(WorkerRunnerProcessTest.class).declareTransport();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private Process runner;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (runner != null && runner.isAlive()) {
            runner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        broker.close();
    }

    @Test
    void sigtermFinishesTheMessageInHandAndReturnsTheRestToTheQueue() throws Exception {
        runner = startRunner();
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.consumers(broker.queues().inbound()) == 1);
        broker.publisher().publish(broker.queues().inbound(), message("first")).join();
        broker.publisher().publish(broker.queues().inbound(), message("second")).join();
        await().atMost(Duration.ofSeconds(15)).until(() -> output.contains("handling first"));

        runner.destroy();

        assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as("the runner exits").isTrue();
        UserMessage reply = broker.codec().decode(broker.awaitMessage(broker.queues().outbound()).getBody(),
                UserMessage.class);
        assertThat(reply.content()).isEqualTo("done: first");
        await().atMost(Duration.ofSeconds(15)).until(() -> broker.ready(broker.queues().inbound()) == 1);
        UserMessage returned = broker.codec().decode(broker.take(broker.queues().inbound()).getBody(),
                UserMessage.class);
        assertThat(returned.content()).isEqualTo("second");
        assertThat(output).doesNotContain("handling second");
    }

    private Process startRunner() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                WorkerRunner.class.getName(),
                "--worker", SlowEchoWorker.class.getName(),
                "--concurrency", "1",
                "--workers-dir", "no-such-dir")
                .redirectErrorStream(true);
        builder.environment().put("RICHMOND_AMQP_URI", broker.uri().toString());
        builder.environment().put("RICHMOND_AMQP_EXCHANGE", broker.exchange());
        builder.environment().put("RICHMOND_TRANSPORT", broker.queues().transportName());
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (Exception e) {
                output.add("output reader failed: " + e);
            }
        }, "runner-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private UserMessage message(String content) {
        return UserMessage.builder()
                .toAddr("*120#")
                .fromAddr("+27831112222")
                .transportName(broker.queues().transportName())
                .transportType("ussd")
                .content(content)
                .build();
    }
}
