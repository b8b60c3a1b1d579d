package io.richmond.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.richmond.callbacks.bus.QueueNames;
import io.richmond.sdk.amqp.RawPublisher;
import io.richmond.testsupport.Fixtures;
import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher against the real RabbitMQ and PostgreSQL (the schema from api-service's migrations) and real
 * receivers on loopback. Back-off here: 200 ms, 400 ms, 400 ms, so four attempts.
 */
@SpringBootTest(properties = {
        "richmond.callbacks.allowed-hosts=127.0.0.1,localhost",
        "richmond.callbacks.timeout=1s",
        "richmond.callbacks.retry.initial-delay=200ms",
        "richmond.callbacks.retry.max-delay=400ms",
        "richmond.callbacks.retry.give-up-after=1s",
        "richmond.callbacks.per-host-concurrency=2",
        "richmond.callbacks.per-host-queue=2",
        "richmond.callbacks.secret-cache-ttl=0s",
        "logging.level.io.richmond=INFO"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(TestResources.class)
@RequiresPostgres
@RequiresRabbitMq
class DispatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private RawPublisher publisher;
    @Autowired
    private QueueNames names;

    private final List<Receiver> receivers = new ArrayList<>();
    private Receiver receiver;
    private long account;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String name = "cb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        LocalServices.Database db = LocalServices.postgres().orElseThrow();
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + name;
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.flyway.locations", () -> "filesystem:../api-service/src/main/resources/db/migration");
        registry.add("richmond.amqp.uri", () -> LocalServices.amqpUri().orElseThrow().toString());
        registry.add("richmond.amqp.exchange", () -> name);
        registry.add("richmond.callbacks.bus-prefix", () -> name + "_");
        registry.add("richmond.test.name", () -> name);
    }

    @BeforeEach
    void setUp() {
        receiver = receiver(new Receiver());
        account = newAccount();
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(Receiver::close);
    }

    @Test
    void postsTheOriginalMultipartSignedWithTheDocumentedRecipe() throws Exception {
        String job = publishJob(account, "sms_received", target(1, receiver.url("/received"), null));

        Receiver.Request request = await().atMost(DEADLINE).until(() -> receiver.requests("/received"),
                requests -> requests.size() == 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("User-Agent")).isEqualTo("Richmond Callback Client");
        assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.header("X-Richmond-Delivery")).isEqualTo(job + "-1");
        assertThat(verifies(secret(account), request)).isTrue();
        assertThat(verifies("another secret", request)).isFalse();

        String body = new String(request.body(), StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>(fieldNames(
                Fixtures.text("richmond/sms_received_callback.multipart.txt")));
        expected.add("callback_name");
        assertThat(fieldNames(body)).containsExactlyElementsOf(expected);
        assertThat(body).contains("name=\"message\"\r\n\r\nhello world\r\n")
                .contains("name=\"callback_name\"\r\n\r\nsms_received\r\n");

        await().atMost(DEADLINE).until(() -> outcomes(job + "-1"), outcomes -> outcomes.equals(List.of("delivered")));
        Map<String, Object> logged = jdbc.queryForMap("select * from callback_attempt where delivery_id = ?",
                job + "-1");
        assertThat(logged).containsEntry("status_code", 200).containsEntry("attempt", 1)
                .containsEntry("callback_url_id", 1L).containsEntry("job_id", job);
        assertThat(logged.get("url")).isEqualTo(receiver.url("/received"));
    }

    @Test
    void aJsonUrlGetsTheSameFieldsAsJson() throws Exception {
        publishJob(account, "sms_receipt", target(2, receiver.url("/json"), "json"));

        Receiver.Request request = await().atMost(DEADLINE).until(() -> receiver.requests("/json"),
                requests -> requests.size() == 1).get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("message").asString()).isEqualTo("hello world");
        assertThat(body.get("callback_name").asString()).isEqualTo("sms_receipt");
        assertThat(verifies(secret(account), request)).isTrue();
    }

    @Test
    void basicAuthFromTheUrlIsSentAndNeverLogged() {
        String url = "http://user:p%40ss@127.0.0.1:" + receiver.port() + "/auth";
        String job = publishJob(account, "sms_received", target(3, url, null));

        Receiver.Request request = await().atMost(DEADLINE).until(() -> receiver.requests("/auth"),
                requests -> requests.size() == 1).get(0);
        assertThat(request.header("Authorization")).isEqualTo("Basic dXNlcjpwQHNz");
        await().atMost(DEADLINE).until(() -> outcomes(job + "-3").size() == 1);
        assertThat(jdbc.queryForObject("select url from callback_attempt where delivery_id = ?", String.class,
                job + "-3")).isEqualTo(receiver.url("/auth"));
    }

    @Test
    void a500IsRetriedWithTheSameDeliveryId() {
        receiver.script("/flaky", Receiver.status(500), Receiver.status(200));
        String job = publishJob(account, "sms_received", target(4, receiver.url("/flaky"), null));

        await().atMost(DEADLINE).until(() -> outcomes(job + "-4"),
                outcomes -> outcomes.equals(List.of("retrying", "delivered")));
        assertThat(receiver.requests("/flaky")).hasSize(2)
                .allSatisfy(request -> assertThat(request.header("X-Richmond-Delivery")).isEqualTo(job + "-4"));
        assertThat(jdbc.queryForList("select status_code from callback_attempt where delivery_id = ? order by attempt",
                Integer.class, job + "-4")).containsExactly(500, 200);
    }

    @Test
    void aTimeoutIsRetried() {
        receiver.script("/slow", Receiver.hang(), Receiver.status(200));
        String job = publishJob(account, "sms_received", target(5, receiver.url("/slow"), null));

        await().atMost(DEADLINE).until(() -> outcomes(job + "-5"),
                outcomes -> outcomes.equals(List.of("retrying", "delivered")));
        String error = jdbc.queryForObject("select error from callback_attempt where delivery_id = ? and attempt = 1",
                String.class, job + "-5");
        assertThat(error).startsWith("timed out");
    }

    @Test
    void aReceiverThatWasDownGetsTheCallbackOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String job = publishJob(account, "sms_received", target(6, "http://127.0.0.1:" + port + "/back", null));
        await().atMost(DEADLINE).until(() -> outcomes(job + "-6").size() >= 1);

        Receiver back = receiver(new Receiver(port));

        await().atMost(DEADLINE).until(() -> back.requests("/back").size() == 1);
        await().atMost(DEADLINE).until(() -> outcomes(job + "-6"), outcomes -> outcomes.get(outcomes.size() - 1)
                .equals("delivered"));
        assertThat(outcomes(job + "-6")).first().isEqualTo("retrying");
    }

    @Test
    void a4xxUntilTheLastTryIsDeadLetteredAndCanBeRedelivered() throws Exception {
        receiver.script("/gone", Receiver.status(404), Receiver.status(404), Receiver.status(404),
                Receiver.status(404), Receiver.status(200));
        String job = publishJob(account, "sms_received", target(7, receiver.url("/gone"), null));
        String delivery = job + "-7";

        await().atMost(DEADLINE).until(() -> outcomes(delivery),
                outcomes -> outcomes.equals(List.of("retrying", "retrying", "retrying", "dead")));
        Map<String, Object> dead = await().atMost(DEADLINE).until(() -> jdbc.queryForList(
                "select * from callback_dead_delivery where delivery_id = ?", delivery), rows -> rows.size() == 1)
                .get(0);
        assertThat(dead).containsEntry("attempts", 4).containsEntry("last_error", "HTTP 404")
                .containsEntry("account_id", account);
        assertThat(deadQueueHolds(delivery)).isTrue();

        // What api-service's redeliver does: the stored one-URL job, published to callbacks.jobs again.
        publisher.publish(names.jobs(), ((String) dead.get("job")).getBytes(StandardCharsets.UTF_8),
                new MessageProperties()).join();

        await().atMost(DEADLINE).until(() -> outcomes(delivery).contains("delivered"));
        assertThat(receiver.requests("/gone")).hasSize(5)
                .allSatisfy(request -> assertThat(request.header("X-Richmond-Delivery")).isEqualTo(delivery));
    }

    @Test
    void redirectsAreFollowedWithTheBody() throws Exception {
        receiver.script("/moved", Receiver.redirect(307, "/here"));
        String job = publishJob(account, "sms_received", target(8, receiver.url("/moved"), null));

        Receiver.Request request = await().atMost(DEADLINE).until(() -> receiver.requests("/here"),
                requests -> requests.size() == 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(fieldNames(new String(request.body(), StandardCharsets.UTF_8))).contains("message");
        assertThat(verifies(secret(account), request)).isTrue();
        await().atMost(DEADLINE).until(() -> outcomes(job + "-8"), outcomes -> outcomes.equals(List.of("delivered")));
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefused() {
        receiver.script("/sneaky", Receiver.redirect(302, "http://169.254.169.254/latest/meta-data/"));
        String job = publishJob(account, "sms_received", target(9, receiver.url("/sneaky"), null));

        await().atMost(DEADLINE).until(() -> outcomes(job + "-9"), outcomes -> outcomes.equals(List.of("dead")));
        assertThat(jdbc.queryForObject("select error from callback_attempt where delivery_id = ?", String.class,
                job + "-9")).startsWith("refused").contains("169.254.169.254");
    }

    @Test
    void urlsTheGuardRefusesAreDeadLetteredWithoutRetries() {
        Receiver other = receiver;
        String job = publishJob(account, "sms_received",
                target(10, "http://127.0.0.2:" + other.port() + "/loopback", null),
                target(11, "http://[::1]:" + other.port() + "/v6", null),
                target(12, "http://169.254.169.254/latest/meta-data/", null),
                target(13, "ftp://127.0.0.1/file", null));

        for (int url = 10; url <= 13; url++) {
            String delivery = job + "-" + url;
            await().atMost(DEADLINE).until(() -> outcomes(delivery), outcomes -> outcomes.equals(List.of("dead")));
            assertThat(jdbc.queryForObject("select error from callback_attempt where delivery_id = ?", String.class,
                    delivery)).startsWith("refused");
        }
        assertThat(other.requests("/loopback")).isEmpty();
        assertThat(other.requests("/v6")).isEmpty();
    }

    @Test
    void oneUrlsRetriesDoNotRepeatAnothersSuccess() {
        receiver.script("/bad", Receiver.status(503), Receiver.status(503), Receiver.status(200));
        String job = publishJob(account, "sms_received", target(14, receiver.url("/good"), null),
                target(15, receiver.url("/bad"), null));

        await().atMost(DEADLINE).until(() -> outcomes(job + "-15").contains("delivered"));
        assertThat(receiver.requests("/good")).hasSize(1);
        assertThat(receiver.requests("/bad")).hasSize(3);
    }

    @Test
    void aSlowReceiverDoesNotDelayAnotherAccountsCallbacks() {
        Receiver slow = receiver.script("/slow-customer", Receiver.hang());
        Receiver fast = receiver(new Receiver());
        long otherAccount = newAccount();
        for (int i = 0; i < 8; i++) {
            publishJob(account, "sms_received", target(20, slow.url("/slow-customer"), null));
        }
        await().atMost(DEADLINE).until(() -> slow.hanging() == 2);

        publishJob(otherAccount, "sms_received", target(21, fast.url("/fast-customer"), null));

        await().atMost(DEADLINE).until(() -> fast.requests("/fast-customer").size() == 1);
        // The slow host never had more than its two permits' worth of requests in at once.
        assertThat(slow.hanging()).isEqualTo(2);
        slow.release();
    }

    @Test
    void everyAttemptOfManyConcurrentDeliveriesIsLoggedOnce() {
        // Ten hosts, so that their permits let many attempts reach the log at once and share its batches.
        List<Receiver> hosts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hosts.add(receiver(new Receiver()));
        }
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(publishJob(account, "sms_received", target(30, hosts.get(i % hosts.size()).url("/many"), null)));
        }

        await().atMost(DEADLINE).until(() -> loggedAttempts(jobs), rows -> rows.size() == jobs.size());
        assertThat(loggedAttempts(jobs)).containsOnly("delivered");
        assertThat(jdbc.queryForObject("select count(distinct delivery_id) from callback_attempt"
                + " where job_id = any (?)", Integer.class, (Object) jobs.toArray(String[]::new)))
                .isEqualTo(jobs.size());
        assertThat(hosts).allSatisfy(host -> assertThat(host.requests("/many")).hasSize(30));
    }

    @Test
    void anAttemptThatCannotBeLoggedIsLeftOutAloneAndItsDeliveryNotPostedAgain() {
        jdbc.execute("create function refuse_unloggable() returns trigger language plpgsql as $$ begin"
                + " if new.url like '%/unloggable' then raise exception 'the test refuses this row'; end if;"
                + " return new; end $$");
        jdbc.execute("create trigger refuse_unloggable before insert on callback_attempt for each row"
                + " execute function refuse_unloggable()");
        Receiver unloggable = receiver(new Receiver());
        List<Receiver> hosts = List.of(receiver, receiver(new Receiver()), receiver(new Receiver()));
        String refused;
        List<String> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                jobs.add(publishJob(account, "sms_received", target(31, hosts.get(i % 3).url("/loggable"), null)));
            }
            refused = publishJob(account, "sms_received", target(32, unloggable.url("/unloggable"), null));
            for (int i = 30; i < 60; i++) {
                jobs.add(publishJob(account, "sms_received", target(31, hosts.get(i % 3).url("/loggable"), null)));
            }

            await().atMost(DEADLINE).until(() -> loggedAttempts(jobs), rows -> rows.size() == jobs.size());
            assertThat(loggedAttempts(jobs)).containsOnly("delivered");
            assertThat(hosts).allSatisfy(host -> assertThat(host.requests("/loggable")).hasSize(20));
            // Acknowledged although unlogged: a requeue would post it again within moments.
            await().during(Duration.ofSeconds(2)).atMost(DEADLINE)
                    .until(() -> unloggable.requests("/unloggable").size() == 1);
            assertThat(outcomes(refused + "-32")).isEmpty();
        } finally {
            jdbc.execute("drop trigger refuse_unloggable on callback_attempt");
            jdbc.execute("drop function refuse_unloggable()");
        }
    }

    // Helpers

    private Receiver receiver(Receiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private long newAccount() {
        String username = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("insert into account (username, password_hash, created_at, updated_at) values (?, 'x', now(), now())",
                username);
        return jdbc.queryForObject("select id from account where username = ?", Long.class, username);
    }

    private String secret(long accountId) {
        return jdbc.queryForObject("select callback_secret from account where id = ?", String.class, accountId);
    }

    private static Map<String, Object> target(long id, String url, String format) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("id", id);
        target.put("url", url);
        if (format != null) {
            target.put("format", format);
        }
        return target;
    }

    /** A job as api-service publishes it (its README, "Callback jobs"); answers its id. */
    @SafeVarargs
    private String publishJob(long accountId, String name, Map<String, Object>... targets) {
        String id = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "1");
        fields.put("user", String.valueOf(accountId));
        fields.put("to_msisdn", "27123456789");
        fields.put("from_msisdn", "27123456789");
        fields.put("charset", "utf8");
        fields.put("message", "hello world");
        fields.put("transport_name", "clickatell");
        fields.put("transport_msg_id", "bbbbbbbbbbbb");
        fields.put("received_at", "2010-05-14 12:37:55");
        fields.put("created_at", "2010-05-14 12:37:56");
        fields.put("updated_at", "2010-05-14 12:37:56");
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("job_id", id);
        job.put("account_id", accountId);
        job.put("callback_name", name);
        job.put("urls", List.of(targets));
        job.put("fields", fields);
        job.put("created_at", "2010-05-14 12:37:56");
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(id);
        publisher.publish(names.jobs(), JSON.writeValueAsBytes(job), properties).join();
        return id;
    }

    private List<String> outcomes(String deliveryId) {
        return jdbc.queryForList("select outcome from callback_attempt where delivery_id = ? order by attempt",
                String.class, deliveryId);
    }

    private List<String> loggedAttempts(List<String> jobs) {
        return jdbc.queryForList("select outcome from callback_attempt where job_id = any (?)", String.class,
                (Object) jobs.toArray(String[]::new));
    }

    private boolean deadQueueHolds(String deliveryId) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.amqpUri().orElseThrow());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            // Browse without taking: every message read goes back when the channel closes unacknowledged.
            for (var response = channel.basicGet(names.dead(), false); response != null;
                    response = channel.basicGet(names.dead(), false)) {
                if (deliveryId.equals(response.getProps().getMessageId())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** docs/callbacks.md's recipe, as a receiver writes it. */
    private static boolean verifies(String secret, Receiver.Request request) throws Exception {
        String timestamp = request.header("X-Richmond-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                request.header("X-Richmond-Signature").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(String multipart) {
        Matcher matcher = Pattern.compile("Content-Disposition: form-data; name=\"([^\"]+)\"").matcher(multipart);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
