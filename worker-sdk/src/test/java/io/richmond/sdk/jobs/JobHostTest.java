package io.richmond.sdk.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

import io.richmond.sdk.amqp.TestBroker;
import io.richmond.sdk.message.StatusEvent;
import io.richmond.sdk.rpc.BrokerSession;
import io.richmond.sdk.topology.IniFile;
import io.richmond.testsupport.RequiresRabbitMq;

@RequiresRabbitMq
class JobHostTest {

    private final TestBroker broker = new TestBroker(JobHostTest.class);
    private final String queue = TestBroker.uniqueName("jobs.");
    private BrokerSession session;
    private JobHost host;

    @BeforeEach
    void connect() throws Exception {
        session = BrokerSession.open(broker.uri(), broker.exchange(), "jobs test", 1);
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
        session.close();
        List.of(queue, queue + ".status", queue + ".blocked").forEach(broker::deleteLater);
        broker.close();
    }

    @Test
    void aJavaRunnerGoesBuildingThenDone() throws Exception {
        start("runner = java!" + CountingJob.class.getName(), "unit = bytes");

        submit("job-1", "twelve bytes");

        List<StatusEvent> events = awaitStatuses(2);
        assertThat(events).extracting(StatusEvent::type).containsExactly("Building", "Done");
        assertThat(events).extracting(StatusEvent::message).containsExactly("counting", "12 bytes");
        assertThat(events).extracting(StatusEvent::status)
                .containsExactly(StatusEvent.Status.OK, StatusEvent.Status.OK);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.component()).isEqualTo(queue);
            assertThat(event.details()).containsEntry("job_id", "job-1");
        });
        assertThat(events.get(1).details()).containsEntry("status", "Done");
        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(queue) == 0);
    }

    @Test
    void aShellRunnerGetsTheBodyOnStandardInputAndGoesBuildingThenDone() throws Exception {
        start("runner = shell!wc -w");

        submit("job-2", "one two three");

        List<StatusEvent> events = awaitStatuses(2);
        assertThat(events).extracting(StatusEvent::type).containsExactly("Building", "Done");
        assertThat(events.get(1).message()).isEqualTo("3");
        assertThat(events).allSatisfy(event -> assertThat(event.details()).containsEntry("job_id", "job-2"));
    }

    @Test
    void aShellRunnerExitingWithOneFailsWithTheEndOfItsStandardError() throws Exception {
        start("runner = shell!echo 'no such template' >&2; exit 1");

        submit("job-3", "{}");

        List<StatusEvent> events = awaitStatuses(2);
        assertThat(events).extracting(StatusEvent::type).containsExactly("Building", "Failed");
        assertThat(events.get(1).message()).isEqualTo("exit code 1: no such template");
        assertThat(events.get(1).status()).isEqualTo(StatusEvent.Status.DOWN);
    }

    @Test
    void aRunnerThatThrowsIsReportedFailedByTheHost() throws Exception {
        start("runner = java!" + ThrowingJob.class.getName());

        submit("job-4", "{}");

        List<StatusEvent> events = awaitStatuses(2);
        assertThat(events).extracting(StatusEvent::type).containsExactly("Building", "Failed");
        assertThat(events.get(1).message())
                .isEqualTo("the runner threw java.lang.IllegalStateException: the printer is on fire");
        // Acknowledged, not redelivered: a failed job is reported, never retried.
        await().atMost(TestBroker.PATIENCE).until(() -> broker.ready(queue) == 0);
        assertThat(broker.take(queue + ".status")).isNull();
    }

    @Test
    void aBlockedJobComesBackAfterTheDelayAndIsDoneLater() throws Exception {
        start("runner = java!" + BlockedOnceJob.class.getName(), "blocked_delay = 200ms");

        submit("job-5", "needs fonts");

        List<StatusEvent> events = awaitStatuses(2);
        assertThat(events).extracting(StatusEvent::type).containsExactly("Blocked", "Done");
        assertThat(events.get(0).status()).isEqualTo(StatusEvent.Status.DEGRADED);
        assertThat(events).allSatisfy(event -> assertThat(event.details()).containsEntry("job_id", "job-5"));
        assertThat(BlockedOnceJob.runs.get("job-5")).hasValue(2);
        assertThat(broker.ready(queue + ".blocked")).isZero();
    }

    private void start(String... runnerSection) throws Exception {
        List<String> lines = new ArrayList<>(List.of("[amqp]", "uri = " + broker.uri(),
                "exchange = " + broker.exchange(), "", "[runner:" + queue + "]"));
        lines.addAll(List.of(runnerSection));
        host = new JobHost(JobsConfig.from(IniFile.parse("test.ini", lines), Map.of()), "jobs test host");
        host.start();
    }

    private void submit(String jobId, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setHeader("job_id", jobId);
        assertThat(session.rawPublisher().publish(queue, body.getBytes(StandardCharsets.UTF_8), properties))
                .succeedsWithin(TestBroker.PATIENCE);
    }

    private List<StatusEvent> awaitStatuses(int count) {
        List<StatusEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = broker.awaitMessage(queue + ".status");
            events.add(broker.codec().decode(message.getBody(), StatusEvent.class));
        }
        return events;
    }

    public static final class CountingJob implements JobRunner {
        @Override
        public void run(byte[] body, StatusCallback setStatus, Map<String, String> settings) {
            setStatus.setStatus(JobStatus.BUILDING, "counting");
            setStatus.setStatus(JobStatus.DONE, body.length + " " + settings.get("unit"));
        }
    }

    public static final class ThrowingJob implements JobRunner {
        @Override
        public void run(byte[] body, StatusCallback setStatus, Map<String, String> settings) {
            setStatus.setStatus(JobStatus.BUILDING, "warming up");
            throw new IllegalStateException("the printer is on fire");
        }
    }

    /** Blocked on its first run, done on the next: what a job waiting for a dependency looks like. */
    public static final class BlockedOnceJob implements JobRunner {
        static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        @Override
        public void run(byte[] body, StatusCallback setStatus, Map<String, String> settings) {
            int run = runs.computeIfAbsent(settings.get("job_id"), id -> new AtomicInteger()).incrementAndGet();
            if (run == 1) {
                setStatus.setStatus(JobStatus.BLOCKED, "waiting for the fonts");
            } else {
                setStatus.setStatus(JobStatus.DONE, "printed");
            }
        }
    }
}
