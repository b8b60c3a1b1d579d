package io.richmond.fault;

import static io.richmond.testsupport.system.ServiceArguments.concat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.LocalServices.Database;
import io.richmond.testsupport.TestCleanup;
import io.richmond.testsupport.system.FakeClickatell;
import io.richmond.testsupport.system.RecordingReceiver;
import io.richmond.testsupport.system.ServiceArguments;
import io.richmond.testsupport.system.ServiceProcess;

/**
 * All of Richmond from its packaged jars, wired to the fakes around it: api-service, sms-transport and
 * callback-dispatcher on a schema, exchange and queue prefix of their own; ussd-transport logged in to a
 * {@link ScriptedTruteq}; a worker runner with the EchoWorker. Retries and back-offs are shortened so that a fault
 * of "minutes" in production is one of seconds here. Any service can be killed and started again as it was.
 */
final class Richmond implements AutoCloseable {

    static final String API = "api-service";
    static final String SMS = "sms-transport";
    static final String DISPATCHER = "callback-dispatcher";
    static final String USSD = "ussd-transport";
    static final String WORKER = "worker-runner";

    static final String ACCOUNT = "admin:s3cret";
    static final String WEBHOOK = "clickatell:hook-s3cret";

    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration PROVIDER_LATENCY = Duration.ofMillis(300);
    private static final String TRUTEQ_USER = "richmond";
    private static final String TRUTEQ_PASSWORD = "ssmi-s3cret";
    /** The delays of the shortened retries below, which name the delay queues. */
    private static final List<Long> SMS_RETRY_DELAYS = List.of(1000L, 2000L, 4000L);
    private static final List<Long> CALLBACK_RETRY_DELAYS = List.of(1000L, 2000L, 4000L);

    private final String unique = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final String schema = "fault_" + unique;
    private final String exchange = "fault-" + unique;
    private final String prefix = "fault" + unique + "_";
    private final Database database = LocalServices.postgres().orElseThrow();
    private final String amqpUri = LocalServices.amqpUri().orElseThrow().toString();
    private final Http http = new Http();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final FakeClickatell clickatell;
    private final RecordingReceiver customer;
    private final ScriptedTruteq truteq;

    private Richmond() throws Exception {
        clickatell = new FakeClickatell();
        // A provider's usual answer time: a killed sms-transport then has sends in flight, which it sends again.
        clickatell.latency(PROVIDER_LATENCY);
        customer = new RecordingReceiver();
        truteq = new ScriptedTruteq(TRUTEQ_USER, TRUTEQ_PASSWORD);
    }

    static Richmond start() throws Exception {
        Richmond richmond = new Richmond();
        try {
            richmond.startServices();
        } catch (Exception | Error e) {
            richmond.close();
            throw e;
        }
        return richmond;
    }

    private void startServices() throws Exception {
        List<String> datasource = ServiceArguments.datasource(database, schema);
        List<String> bus = ServiceArguments.bus(amqpUri, exchange);

        services.put(API, ServiceProcess.start(API, concat(datasource, bus, List.of(
                "--spring.flyway.schemas=" + schema,
                // Any free port: the default 8081 may be another run's.
                "--management.server.port=0",
                "--richmond.callbacks.allowed-hosts=127.0.0.1",
                "--richmond.api.bus-prefix=" + prefix,
                "--richmond.api.inbound-default-account=admin",
                "--richmond.api.rate-limit.requests=1000000",
                "--richmond.api.outbox.sweep-interval=1s",
                "--richmond.api.outbox.min-age=2s",
                "--richmond.bootstrap.username=admin",
                "--richmond.bootstrap.password=s3cret"))));
        services.put(SMS, ServiceProcess.start(SMS, concat(bus, ServiceArguments.clickatell(prefix,
                clickatell.baseUrl()), List.of(
                "--richmond.sms.clickatell.connect-timeout=1s",
                "--richmond.sms.clickatell.timeout=2s",
                // 1 + 2 + 4 * 10 s: a provider may be away for 40 s before a message is given up on.
                "--richmond.sms.retry.max-attempts=13",
                "--richmond.sms.retry.initial-delay=1s",
                "--richmond.sms.retry.multiplier=2",
                "--richmond.sms.retry.max-delay=4s"))));
        services.put(USSD, ServiceProcess.startJar(USSD, ServiceProcess.jar(USSD), concat(bus, List.of(
                "--richmond.ussd.transport-name=" + prefix + "truteq",
                "--richmond.ussd.shutdown-grace=2s",
                "--richmond.ssmi.host=127.0.0.1",
                "--richmond.ssmi.port=" + truteq.port(),
                "--richmond.ssmi.username=" + TRUTEQ_USER,
                "--richmond.ssmi.password=" + TRUTEQ_PASSWORD,
                "--richmond.ssmi.link-check-period=5s",
                "--richmond.ssmi.reconnect-max-delay=1s")), Map.of()));
        services.put(WORKER, ServiceProcess.startJar(WORKER, ServiceProcess.jar(WORKER), List.of(
                "--worker", "io.richmond.workers.EchoWorker",
                "--transport", prefix + "truteq",
                "--workers-dir", System.getProperty("richmond.workers-dir", "../example-workers/target")),
                Map.of("RICHMOND_AMQP_URI", amqpUri, "RICHMOND_AMQP_EXCHANGE", exchange)));
        awaitReady(API);
        // After api-service, whose migrations make the tables the dispatcher writes its delivery log to.
        services.put(DISPATCHER, ServiceProcess.startJar(DISPATCHER, ServiceProcess.jar(DISPATCHER),
                concat(datasource, bus, List.of(
                        "--richmond.callbacks.bus-prefix=" + prefix,
                        "--richmond.callbacks.allowed-hosts=127.0.0.1",
                        "--richmond.callbacks.timeout=3s",
                        "--richmond.callbacks.connect-timeout=1s",
                        "--richmond.callbacks.retry.initial-delay=1s",
                        "--richmond.callbacks.retry.multiplier=2",
                        "--richmond.callbacks.retry.max-delay=4s",
                        "--richmond.callbacks.retry.give-up-after=10m")), Map.of()));
        for (String name : List.of(SMS, USSD, WORKER, DISPATCHER)) {
            awaitReady(name);
        }
        HttpResponse<String> callbacks = http.put(api("/api/v1/account/callbacks.json"), ACCOUNT,
                "sms_received=" + customer.url("/received") + "&sms_receipt=" + customer.url("/receipt"));
        if (callbacks.statusCode() != 200) {
            throw new IllegalStateException("setting the callbacks answered " + callbacks.statusCode() + ": "
                    + callbacks.body());
        }
    }

    /** Waits until {@code name} does its work: listens, or has logged that it started (and logged in to TruTeq). */
    void awaitReady(String name) {
        awaitReady(name, 0);
    }

    /** @param truteqLogins TruTeq logins before this start of ussd-transport: the next one is its own */
    private void awaitReady(String name, int truteqLogins) {
        ServiceProcess service = services.get(name);
        switch (name) {
            case API, SMS -> service.awaitListening(START_DEADLINE);
            case DISPATCHER -> service.awaitLogLine("Started CallbackDispatcherApplication", START_DEADLINE);
            case WORKER -> service.awaitLogLine("is consuming", START_DEADLINE);
            case USSD -> {
                service.awaitLogLine("Started UssdTransportApplication", START_DEADLINE);
                await("ussd-transport logged in to TruTeq").atMost(START_DEADLINE)
                        .until(() -> truteq.logins() > truteqLogins && truteq.linkUp());
            }
            default -> throw new IllegalArgumentException(name);
        }
    }

    /** kill -9 of {@code name}. */
    void kill(String name) throws InterruptedException {
        services.get(name).kill();
    }

    /** Starts {@code name} again as it was first started, and waits until it is ready. */
    void restart(String name) {
        int truteqLogins = truteq.logins();
        services.get(name).restart();
        awaitReady(name, truteqLogins);
    }

    /** Starts {@code name} again if it is not running, and waits until it is ready. */
    void ensureRunning(String name) {
        if (!services.get(name).isAlive()) {
            restart(name);
        }
    }

    /** Starts again whatever a failed scenario left dead, so that the next one finds Richmond whole. */
    void restartAnyDead() {
        services.keySet().forEach(this::ensureRunning);
    }

    URI api(String path) {
        return services.get(API).url(path);
    }

    URI webhooks(String path) {
        return services.get(SMS).url(path);
    }

    Http http() {
        return http;
    }

    FakeClickatell clickatell() {
        return clickatell;
    }

    RecordingReceiver customer() {
        return customer;
    }

    ScriptedTruteq truteq() {
        return truteq;
    }

    String schema() {
        return schema;
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() throws Exception {
        List<ServiceProcess> running = new ArrayList<>(services.values());
        Collections.reverse(running);
        for (ServiceProcess service : running) {
            service.close();
        }
        clickatell.close();
        customer.close();
        truteq.close();
        TestCleanup.dropSchema(schema);
        TestCleanup.deleteQueuesAndExchange(queues(), exchange);
    }

    /** Every queue the services declare with this run's prefix. */
    private List<String> queues() {
        List<String> queues = new ArrayList<>();
        for (String gateway : List.of("clickatell", "opera", "truteq")) {
            for (String key : List.of("inbound", "outbound", "event", "failures")) {
                queues.add(prefix + gateway + "." + key);
            }
            SMS_RETRY_DELAYS.forEach(delay -> queues.add(prefix + gateway + ".outbound.retry." + delay));
        }
        for (String queue : List.of("jobs", "deliveries", "dead")) {
            queues.add(prefix + "callbacks." + queue);
        }
        CALLBACK_RETRY_DELAYS.forEach(delay -> queues.add(prefix + "callbacks.deliveries.retry." + delay));
        queues.add(prefix + "sms.replies");
        queues.add(prefix + "sms.replies.failures");
        return queues;
    }

    static Path countsFile() {
        return Path.of("target", "fault-counts.md");
    }
}
