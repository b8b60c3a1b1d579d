package io.richmond.ussd;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.richmond.sdk.amqp.ConfirmingPublisher;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.amqp.TransportQueues;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.runner.RunnerConfig;
import io.richmond.sdk.runner.WorkerHost;
import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerSettings;
import io.richmond.testsupport.LocalServices;
import io.richmond.ussd.ssmi.FakeTruteqServer;

/**
 * The whole USSD path on real sockets and the real broker: a fake TruTeq, the ussd-transport application, and
 * worker hosts as the runner starts them. Exchange and transport names are unique to each instance, and
 * {@link #close} deletes what it declared.
 */
final class UssdPath implements AutoCloseable {

    final FakeTruteqServer truteq = new FakeTruteqServer().start();
    final String exchange;
    final TransportQueues queues;
    final URI amqpUri = LocalServices.amqpUri().orElseThrow();
    private final List<WorkerHost> hosts = new ArrayList<>();
    private ConfigurableApplicationContext transport;

    UssdPath() {
        String unique = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        exchange = "richmond-test-" + unique;
        queues = new TransportQueues("truteq-" + unique);
    }

    /** Starts ussd-transport against the fake TruTeq; extra properties override the test defaults. */
    UssdPath startTransport(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "richmond.amqp.uri", amqpUri.toString(),
                "richmond.amqp.exchange", exchange,
                "richmond.ussd.transport-name", queues.transportName(),
                "richmond.ussd.shutdown-grace", "5s",
                "richmond.ssmi.port", truteq.port(),
                "richmond.ssmi.reconnect-initial-delay", "50ms",
                "richmond.ssmi.reconnect-max-delay", "500ms"));
        properties.putAll(overrides);
        transport = new SpringApplicationBuilder(UssdTransportApplication.class).properties(properties).run();
        return this;
    }

    UssdPath startTransport() {
        return startTransport(Map.of());
    }

    /** Starts a worker host, as {@code worker-runner --worker ...} would, consuming this path's inbound queue. */
    WorkerHost startWorker(Worker worker, String name) throws Exception {
        RunnerConfig config = new RunnerConfig(amqpUri, exchange, 20, queues.transportName(), 4,
                Path.of("no-workers-dir"), WorkerSettings.empty());
        WorkerHost host = new WorkerHost(config, worker, name);
        host.start();
        hosts.add(host);
        return host;
    }

    /** Wraps a worker so that the test can see how many messages each host handled. */
    static Worker counting(Worker worker, AtomicInteger count) {
        return (message, outbox) -> {
            count.incrementAndGet();
            worker.handle(message, outbox);
        };
    }

    /** Publishes a message on the outbound queue, as a worker would, and waits for the broker's confirm. */
    void publishOutbound(UserMessage message) {
        try (ConfirmingPublisher publisher = new ConfirmingPublisher(amqpUri, "test publisher", 1)) {
            new MessagePublisher(publisher, new MessageCodec(), exchange).publish(queues.outbound(), message).join();
        }
    }

    void stopTransport() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public void close() {
        hosts.forEach(host -> host.stop(Duration.ofSeconds(5)));
        stopTransport();
        truteq.close();
        CachingConnectionFactory connections = new CachingConnectionFactory(amqpUri);
        try {
            RabbitAdmin admin = new RabbitAdmin(connections);
            queues.all().forEach(admin::deleteQueue);
            admin.deleteExchange(exchange);
        } finally {
            connections.destroy();
        }
    }
}
