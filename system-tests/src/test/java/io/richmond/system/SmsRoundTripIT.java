package io.richmond.system;

import static io.richmond.testsupport.system.ServiceArguments.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.richmond.testsupport.LocalServices;
import io.richmond.testsupport.LocalServices.Database;
import io.richmond.testsupport.RequiresPostgres;
import io.richmond.testsupport.RequiresRabbitMq;
import io.richmond.testsupport.TestCleanup;
import io.richmond.testsupport.system.FakeClickatell;
import io.richmond.testsupport.system.RecordingReceiver;
import io.richmond.testsupport.system.ServiceArguments;
import io.richmond.testsupport.system.ServiceProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS's whole life across api-service, sms-transport and callback-dispatcher, all run from their packaged jars:
 * sent through the API, taken by a fake Clickatell, submitted, delivered by a receipt posted to the webhook, and
 * reported to the customer's {@code sms_receipt} URL; and an SMS received on the webhook, stored for its account
 * and posted, signed, to its {@code sms_received} URL. A receipt or an SMS the provider posts again changes nothing.
 */
@RequiresRabbitMq
@RequiresPostgres
class SmsRoundTripIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String UNIQUE = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private static final String SCHEMA = "system_" + UNIQUE;
    private static final String EXCHANGE = "system-" + UNIQUE;
    private static final String PREFIX = "system" + UNIQUE + "_";
    private static final String ACCOUNT = "admin:s3cret";
    private static final String WEBHOOK = "clickatell:hook-s3cret";

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static FakeClickatell clickatell;
    private static RecordingReceiver customer;
    private static ServiceProcess api;
    private static ServiceProcess sms;
    private static ServiceProcess dispatcher;

    @BeforeAll
    static void startRichmond() throws Exception {
        Database database = LocalServices.postgres().orElseThrow();
        String amqpUri = LocalServices.amqpUri().orElseThrow().toString();
        clickatell = new FakeClickatell();
        customer = new RecordingReceiver();
        List<String> datasource = ServiceArguments.datasource(database, SCHEMA);
        List<String> bus = ServiceArguments.bus(amqpUri, EXCHANGE);
        api = ServiceProcess.start("api-service", concat(datasource, bus, List.of(
                "--spring.flyway.schemas=" + SCHEMA,
                // Any free port: the default 8081 may be another run's.
                "--management.server.port=0",
                "--richmond.callbacks.allowed-hosts=127.0.0.1",
                "--richmond.api.bus-prefix=" + PREFIX,
                "--richmond.api.inbound-default-account=admin",
                "--richmond.bootstrap.username=admin",
                "--richmond.bootstrap.password=s3cret")));
        sms = ServiceProcess.start("sms-transport", concat(bus, ServiceArguments.clickatell(PREFIX,
                clickatell.baseUrl()), List.of(
                "--richmond.sms.retry.max-attempts=2",
                "--richmond.sms.retry.initial-delay=1s")));
        api.awaitListening(Duration.ofSeconds(90));
        sms.awaitListening(Duration.ofSeconds(90));
        // After api-service, whose migrations make the tables the dispatcher writes its delivery log to.
        dispatcher = ServiceProcess.start("callback-dispatcher", concat(datasource, bus, List.of(
                "--richmond.callbacks.bus-prefix=" + PREFIX,
                "--richmond.callbacks.allowed-hosts=127.0.0.1",
                "--richmond.callbacks.retry.initial-delay=1s",
                "--richmond.callbacks.retry.max-delay=1s",
                "--richmond.callbacks.retry.give-up-after=3s")));
        putCallbacks();
    }

    private static void putCallbacks() throws Exception {
        HttpResponse<String> callbacks = put(api.url("/api/v1/account/callbacks.json"), ACCOUNT,
                "sms_received=" + customer.url("/received") + "&sms_receipt=" + customer.url("/receipt"));
        assertThat(callbacks.statusCode()).as(callbacks.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopRichmond() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {dispatcher, sms, api, clickatell, customer}) {
            if (running != null) {
                running.close();
            }
        }
        List<String> queues = new ArrayList<>(List.of(PREFIX + "sms.replies", PREFIX + "sms.replies.failures"));
        for (String gateway : List.of("clickatell", "opera")) {
            for (String key : List.of("inbound", "outbound", "event", "failures", "outbound.retry.1000")) {
                queues.add(PREFIX + gateway + "." + key);
            }
        }
        for (String queue : List.of("jobs", "deliveries", "dead", "deliveries.retry.1000")) {
            queues.add(PREFIX + "callbacks." + queue);
        }
        TestCleanup.deleteQueuesAndExchange(queues, EXCHANGE);
        TestCleanup.dropSchema(SCHEMA);
    }

    @Test
    void anSmsSentThroughTheApiIsSubmittedToClickatellAndDeliveredByItsReceipt() throws Exception {
        HttpResponse<String> sent = post(api.url("/api/v1/sms/clickatell/send.json"), ACCOUNT,
                "to_msisdn=27123456789&from_msisdn=27123456789&message=hello+world");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        long id = json.readTree(sent.body()).get(0).get("id").asLong();

        FakeClickatell.Send send = await("the SMS at Clickatell").atMost(DEADLINE).until(
                () -> clickatell.sends().stream()
                        .filter(s -> "hello world".equals(s.parameters().get("text"))).findFirst().orElse(null),
                s -> s != null);
        assertThat(send.parameters()).containsEntry("to", "27123456789").containsEntry("from", "27123456789")
                .containsEntry("api_id", "3").containsKey("cliMsgId");
        JsonNode submitted = awaitStatus(id, "submitted");
        assertThat(submitted.get("transport_msg_id").asString()).isEqualTo(send.apiMsgId());

        HttpResponse<String> receipt = post(sms.url("/api/v1/sms/clickatell/receipt.json"), WEBHOOK,
                "apiMsgId=" + send.apiMsgId() + "&cliMsgId=" + send.parameters().get("cliMsgId")
                        + "&status=004&timestamp=" + Instant.now().getEpochSecond()
                        + "&to=27123456789&from=27123456789&charge=0.3");
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);

        JsonNode delivered = awaitStatus(id, "delivered");
        assertThat(delivered.get("transport_status").asString()).isEqualTo("004");
        assertThat(delivered.get("delivered_at").isNull()).isFalse();
        RecordingReceiver.Request callback = awaitCallback("/receipt", "name=\"id\"\r\n\r\n" + id + "\r\n");
        assertSigned(callback);
        assertThat(new String(callback.body(), StandardCharsets.UTF_8)).contains("delivered");
        assertThat(clickatell.sends()).filteredOn(s -> "hello world".equals(s.parameters().get("text"))).hasSize(1);
    }

    @Test
    void anSmsReceivedOnTheWebhookIsStoredForItsAccountAndPostedSignedToItsCallback() throws Exception {
        String text = "hello from " + UNIQUE;

        HttpResponse<String> mo = post(sms.url("/api/v1/sms/clickatell/receive.json"), WEBHOOK,
                "to=27123456789&from=27831112222&moMsgId=mo" + UNIQUE + "&api_id=3&text="
                        + text.replace(' ', '+') + "&timestamp=2010-05-14+12%3A37%3A55");
        assertThat(mo.statusCode()).as(mo.body()).isEqualTo(200);

        RecordingReceiver.Request callback = awaitCallback("/received", text);
        assertSigned(callback);
        assertThat(callback.header("User-Agent")).isEqualTo("Richmond Callback Client");
        assertThat(callback.header("Content-Type")).startsWith("multipart/form-data");
        assertThat(new String(callback.body(), StandardCharsets.UTF_8))
                .contains("name=\"callback_name\"\r\n\r\nsms_received\r\n")
                .contains("name=\"from_msisdn\"\r\n\r\n27831112222\r\n");
        assertThat(receivedMessages(text)).containsExactly(text);
    }

    /** Clickatell repeats callbacks it thinks were lost; an attacker may replay one. Either way: one receipt. */
    @Test
    void aReceiptPostedAHundredTimesIsOneHistoryRowAndOneCallback() throws Exception {
        String text = "repeated receipt " + UNIQUE;
        HttpResponse<String> sent = post(api.url("/api/v1/sms/clickatell/send.json"), ACCOUNT,
                "to_msisdn=27123456789&from_msisdn=27123456789&message=" + text.replace(' ', '+'));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        long id = json.readTree(sent.body()).get(0).get("id").asLong();
        FakeClickatell.Send send = await("the SMS at Clickatell").atMost(DEADLINE).until(
                () -> clickatell.sends().stream()
                        .filter(s -> text.equals(s.parameters().get("text"))).findFirst().orElse(null),
                s -> s != null);
        awaitStatus(id, "submitted");
        String receipt = "apiMsgId=" + send.apiMsgId() + "&cliMsgId=" + send.parameters().get("cliMsgId")
                + "&status=004&timestamp=" + Instant.now().getEpochSecond()
                + "&to=27123456789&from=27123456789&charge=0.3";

        for (int i = 0; i < 100; i++) {
            HttpResponse<String> answer = post(sms.url("/api/v1/sms/clickatell/receipt.json"), WEBHOOK, receipt);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        }

        JsonNode delivered = awaitStatus(id, "delivered");
        assertThat(delivered.get("receipts")).hasSize(1);
        String callbackOfThisSms = "name=\"id\"\r\n\r\n" + id + "\r\n";
        awaitCallback("/receipt", callbackOfThisSms);
        // Long enough for 99 repeats to reach api-service and, were they taken, the dispatcher.
        await("no second receipt or callback").during(Duration.ofSeconds(5)).atMost(DEADLINE).until(
                () -> callbacks("/receipt", callbackOfThisSms) == 1
                        && statusOf(id).get("receipts").size() == 1);
    }

    @Test
    void anInboundSmsPostedTwiceIsStoredAndCalledBackOnce() throws Exception {
        String text = "repeated mo " + UNIQUE;
        String mo = "to=27123456789&from=27831112222&moMsgId=repeat" + UNIQUE + "&api_id=3&text="
                + text.replace(' ', '+') + "&timestamp=2010-05-14+12%3A37%3A55";

        HttpResponse<String> first = post(sms.url("/api/v1/sms/clickatell/receive.json"), WEBHOOK, mo);
        HttpResponse<String> second = post(sms.url("/api/v1/sms/clickatell/receive.json"), WEBHOOK, mo);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json.readTree(second.body()).get("message_id"))
                .isEqualTo(json.readTree(first.body()).get("message_id"));
        awaitCallback("/received", text);
        await("no second stored SMS or callback").during(Duration.ofSeconds(5)).atMost(DEADLINE).until(
                () -> callbacks("/received", text) == 1 && receivedMessages(text).size() == 1);
    }

    private long callbacks(String path, String bodyPart) {
        return customer.requests().stream().filter(request -> request.path().equals(path))
                .filter(request -> new String(request.body(), StandardCharsets.UTF_8).contains(bodyPart)).count();
    }

    private RecordingReceiver.Request awaitCallback(String path, String bodyPart) {
        return await("a callback to " + path).atMost(DEADLINE).until(() -> customer.requests().stream()
                .filter(request -> request.path().equals(path))
                .filter(request -> new String(request.body(), StandardCharsets.UTF_8).contains(bodyPart))
                .findFirst().orElse(null), request -> request != null);
    }

    /** The recipe of docs/callbacks.md: HMAC-SHA256 of "<timestamp>.<body>" with the account's secret. */
    private void assertSigned(RecordingReceiver.Request callback) throws Exception {
        String secret = json.readTree(get(api.url("/api/v1/account/callback_secret.json"), ACCOUNT).body())
                .get("callback_secret").asString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((callback.header("X-Richmond-Timestamp") + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(callback.body()));
        assertThat(callback.header("X-Richmond-Signature")).isEqualTo(expected);
        assertThat(callback.header("X-Richmond-Delivery")).isNotBlank();
    }

    private JsonNode awaitStatus(long id, String status) {
        return await("SMS " + id + " " + status).atMost(DEADLINE).until(() -> statusOf(id),
                node -> status.equals(node.path("status").asString()));
    }

    private JsonNode statusOf(long id) throws Exception {
        return json.readTree(get(api.url("/api/v1/sms/clickatell/status/" + id + ".json"), ACCOUNT).body());
    }

    /** The SMS with this text stored for {@code admin}. */
    private List<String> receivedMessages(String text) throws Exception {
        Database database = LocalServices.postgres().orElseThrow();
        List<String> messages = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); PreparedStatement statement = connection.prepareStatement("select r.message"
                        + " from " + SCHEMA + ".received_sms r join " + SCHEMA + ".account a on a.id = r.account_id"
                        + " where a.username = 'admin' and r.message = ?")) {
            statement.setString(1, text);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    messages.add(rows.getString(1));
                }
            }
        }
        return messages;
    }

    private static HttpResponse<String> post(URI url, String credentials, String form) throws Exception {
        return http.send(request(url, credentials).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(URI url, String credentials, String form) throws Exception {
        return http.send(request(url, credentials).header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI url, String credentials) throws Exception {
        return http.send(request(url, credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI url, String credentials) {
        return HttpRequest.newBuilder(url).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
