package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.sdk.message.UserMessage;
import tools.jackson.databind.JsonNode;

/**
 * sms-transport's events and inbound SMS, published on the bus as messaging.md describes them, moving the SMS
 * the API shows and making callback jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsTest extends ApiTestBase {

    @Autowired
    private MessagePublisher publisher;
    @Autowired
    private MessageCodec codec;
    @Autowired
    private MeterRegistry meters;
    private TestQueues queues;
    private String user;

    @BeforeAll
    void connect() {
        queues = new TestQueues();
    }

    @AfterAll
    void disconnect() throws Exception {
        queues.close();
    }

    @BeforeEach
    void account() {
        user = newAccount("events");
        queues.purge(queue("callbacks.jobs"));
    }

    @Test
    void anAckSubmitsTheSmsAndGivesItTheProvidersId() {
        Sms sms = send("clickatell");

        event("clickatell", ack(sms, "apimsgid-1"));

        JsonNode status = awaitStatus(sms, "submitted");
        assertThat(status.get("transport_msg_id").asString()).isEqualTo("apimsgid-1");
        assertThat(status.get("transport_status").asInt()).isZero();
    }

    @Test
    void aNackRejectsTheSmsWithTheReason() {
        Sms sms = send("clickatell");

        event("clickatell", new Event("e" + sms.messageId, Event.EventType.NACK, sms.messageId, null,
                "301: No credit left", null, "clickatell", Map.of("permanent", true), Instant.now(), Map.of(),
                Map.of()));

        JsonNode status = awaitStatus(sms, "rejected");
        assertThat(status.get("failure_reason").asString()).isEqualTo("301: No credit left");
    }

    @Test
    void deliveryReportsInOrderEndDeliveredWithEveryReceiptKeptAndACallbackJob() {
        callback("sms_receipt", "http://example.com/receipt");
        Sms sms = send("clickatell");

        event("clickatell", ack(sms, "apimsgid-2"));
        awaitStatus(sms, "submitted");
        event("clickatell", report(sms.messageId, DeliveryStatus.PENDING, "apimsgid-2", "003", "Delivered to gateway",
                "submitted", "2010-05-14 16:31:05"));
        awaitStatus(sms, "submitted", "003");
        event("clickatell", report(sms.messageId, DeliveryStatus.DELIVERED, "apimsgid-2", "004",
                "Received by recipient", "delivered", "2010-05-14 16:32:00"));

        JsonNode status = awaitStatus(sms, "delivered", "004");
        assertThat(status.get("transport_status_display").asString()).isEqualTo("Received by recipient");
        assertThat(status.get("delivered_at").asString()).isEqualTo("2010-05-14 16:32:00");
        assertThat(status.get("receipts").size()).isEqualTo(2);
        assertThat(status.get("receipts").get(0).get("provider_status").asString()).isEqualTo("003");
        assertThat(status.get("receipts").get(1).get("transport_metadata").get("receipt").get("status").asString())
                .isEqualTo("004");

        List<JsonNode> jobs = queues.take(queue("callbacks.jobs"), 2, DEADLINE).stream()
                .map(body -> JSON.readTree(body)).toList();
        JsonNode last = jobs.get(1);
        assertThat(last.get("job_id").asString()).matches("[0-9a-f]{32}");
        assertThat(last.get("account_id").asLong()).isEqualTo(accountId(user));
        assertThat(last.get("callback_name").asString()).isEqualTo("sms_receipt");
        assertThat(last.get("urls").get(0).get("url").asString()).isEqualTo("http://example.com/receipt");
        assertThat(last.get("urls").get(0).get("id").isIntegralNumber()).isTrue();
        JsonNode fields = last.get("fields");
        assertThat(fields.get("id").asString()).isEqualTo(String.valueOf(sms.id));
        assertThat(fields.get("status").asString()).isEqualTo("delivered");
        assertThat(fields.get("transport_status").asString()).isEqualTo("004");
        assertThat(fields.get("delivered_at").asString()).isEqualTo("2010-05-14 16:32:00");
        assertThat(fields.get("to_msisdn").asString()).isEqualTo("27123456789");
        fields.forEach(value -> assertThat(value.isString()).isTrue());
    }

    @Test
    void aLatePendingReceiptDoesNotUndoDeliveryButIsKept() {
        Sms sms = send("clickatell");
        event("clickatell", report(sms.messageId, DeliveryStatus.DELIVERED, "apimsgid-3", "004",
                "Received by recipient", "delivered", "2010-05-14 16:32:00"));
        awaitStatus(sms, "delivered", "004");

        event("clickatell", report(sms.messageId, DeliveryStatus.PENDING, "apimsgid-3", "003", "Delivered to gateway",
                "submitted", "2010-05-14 16:31:05"));
        event("clickatell", ack(sms, "apimsgid-3"));

        await().atMost(DEADLINE).until(() -> status(sms).get("transport_msg_id").asString().equals("apimsgid-3")
                && status(sms).get("receipts").size() == 2);
        JsonNode status = status(sms);
        assertThat(status.get("status").asString()).isEqualTo("delivered");
        assertThat(status.get("transport_status").asString()).isEqualTo("004");
        assertThat(status.get("delivered_at").asString()).isEqualTo("2010-05-14 16:32:00");
    }

    @Test
    void anOperaReceiptThatArrivesBeforeTheAckWaitsForIt() {
        Sms sms = send("opera");

        event("opera", report("26567958", DeliveryStatus.DELIVERED, "26567958", "D", "Delivered", "delivered",
                "2008-08-31 15:59:24"));
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject(
                "select count(*) from pending_receipt where provider_message_id = '26567958'", Integer.class) == 1);
        assertThat(status(sms).get("status").asString()).isEqualTo("queued");

        event("opera", ack(sms, "26567958"));

        JsonNode status = awaitStatus(sms, "delivered", "D");
        assertThat(status.get("delivered_at").asString()).isEqualTo("2008-08-31 15:59:24");
        assertThat(jdbc.queryForObject("select count(*) from pending_receipt", Integer.class)).isZero();
    }

    @Test
    void aReceiptNamingTheProvidersIdAfterTheAckFindsTheSms() {
        Sms sms = send("opera");
        event("opera", ack(sms, "001efc31"));
        awaitStatus(sms, "submitted");

        event("opera", report("001efc31", DeliveryStatus.FAILED, "001efc31", "F", "Failed", "failed",
                "2008-08-31 15:59:24"));

        JsonNode status = awaitStatus(sms, "failed", "F");
        assertThat(status.get("delivered_at").isNull()).isTrue();
    }

    @Test
    void eventsForUnknownMessagesAreCountedAndDropped() {
        double before = unknownCount();
        String stranger = "0123456789abcdef0123456789abcdef";

        event("clickatell", new Event("ack-" + stranger, Event.EventType.ACK, stranger, "x", null, null,
                "clickatell", Map.of(), Instant.now(), Map.of(), Map.of()));
        event("clickatell", new Event("nack-" + stranger, Event.EventType.NACK, stranger, null, "no", null,
                "clickatell", Map.of(), Instant.now(), Map.of(), Map.of()));

        await().atMost(DEADLINE).until(() -> unknownCount() == before + 2);
        await().atMost(DEADLINE).until(() -> queues.count(queue("clickatell.event")) == 0);
        assertThat(queues.count(queue("clickatell.failures"))).isZero();
    }

    @Test
    void aRedeliveredReceiptIsAppliedOnce() {
        Sms sms = send("clickatell");
        Event receipt = report(sms.messageId, DeliveryStatus.DELIVERED, "apimsgid-4", "004", "Received",
                "delivered", "2010-05-14 16:32:00");

        event("clickatell", receipt);
        event("clickatell", receipt);

        awaitStatus(sms, "delivered", "004");
        await().atMost(DEADLINE).until(() -> queues.count(queue("clickatell.event")) == 0);
        assertThat(status(sms).get("receipts").size()).isEqualTo(1);
    }

    @Test
    void anInboundSmsIsStoredForTheNumbersAccountWithACallbackJob() {
        callback("sms_received", "http://example.com/received");
        String number = "2783" + (System.nanoTime() % 10_000_000);
        accounts.route(number, user);
        UserMessage inbound = UserMessage.builder().toAddr(number).fromAddr("+27831234567").content("hello world")
                .transportName(testName + "_clickatell").transportType("sms")
                .transportMetadata(Map.of("provider_message_id", "bbbbbbbbbbbb", "received_at",
                        "2010-05-14 12:37:55", "charset", "ISO-8859-1"))
                .build();

        publish(queue("clickatell.inbound"), inbound);

        JsonNode job = JSON.readTree(queues.take(queue("callbacks.jobs"), 1, DEADLINE).get(0));
        assertThat(job.get("callback_name").asString()).isEqualTo("sms_received");
        JsonNode fields = job.get("fields");
        assertThat(fields.propertyNames()).containsExactly("id", "user", "to_msisdn", "from_msisdn", "charset",
                "message", "transport_name", "transport_msg_id", "received_at", "created_at", "updated_at");
        assertThat(fields.get("user").asString()).isEqualTo(String.valueOf(accountId(user)));
        assertThat(fields.get("to_msisdn").asString()).isEqualTo(number);
        assertThat(fields.get("from_msisdn").asString()).isEqualTo("+27831234567");
        assertThat(fields.get("message").asString()).isEqualTo("hello world");
        assertThat(fields.get("charset").asString()).isEqualTo("ISO-8859-1");
        assertThat(fields.get("transport_name").asString()).isEqualTo("clickatell");
        assertThat(fields.get("transport_msg_id").asString()).isEqualTo("bbbbbbbbbbbb");
        assertThat(fields.get("received_at").asString()).isEqualTo("2010-05-14 12:37:55");
        assertThat(jdbc.queryForObject("select count(*) from received_sms where account_id = ?", Integer.class,
                accountId(user))).isEqualTo(1);
    }

    @Test
    void anInboundSmsKeepsItsAddressesAsTheNetworkWroteThem() {
        String shortCode = "*3" + (System.nanoTime() % 1_000_000);
        accounts.route(shortCode, user);
        UserMessage inbound = UserMessage.builder().toAddr(shortCode).fromAddr("MTN Info").content("balance low")
                .transportName(testName + "_opera").transportType("sms").build();

        publish(queue("opera.inbound"), inbound);

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(jdbc.queryForList("select to_msisdn || '|' ||"
                + " from_msisdn from received_sms where account_id = ?", String.class, accountId(user)))
                .containsExactly(shortCode + "|MTN Info"));
    }

    @Test
    void anInboundSmsToANumberNobodyOwnsGoesToFailures() {
        UserMessage inbound = UserMessage.builder().toAddr("27999999999").fromAddr("27831234567").content("hi")
                .transportName(testName + "_opera").transportType("sms").build();

        publish(queue("opera.inbound"), inbound);

        FailureMessage failure = codec.decode(queues.take(queue("opera.failures"), 1, DEADLINE).get(0),
                FailureMessage.class);
        assertThat(failure.reason()).contains("no account receives SMS to 27999999999");
    }

    private record Sms(long id, String messageId, String gw) {
    }

    private Sms send(String gw) {
        long id = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456780", "message", "hello world"))).get(0).get("id").asLong();
        String messageId = jdbc.queryForObject("select message_id from sent_sms where id = ?", String.class, id);
        return new Sms(id, messageId, gw);
    }

    private void callback(String name, String url) {
        ok(postForm(user, "/api/v1/account/callbacks.json", form("name", name, "url", url)));
    }

    private JsonNode status(Sms sms) {
        return ok(get(user, "/api/v1/sms/" + sms.gw + "/status/" + sms.id + ".json"));
    }

    private JsonNode awaitStatus(Sms sms, String status) {
        await().atMost(DEADLINE).until(() -> status(sms).get("status").asString().equals(status));
        return status(sms);
    }

    private JsonNode awaitStatus(Sms sms, String status, String transportStatus) {
        await().atMost(DEADLINE).until(() -> {
            JsonNode now = status(sms);
            return now.get("status").asString().equals(status)
                    && now.get("transport_status").asString().equals(transportStatus);
        });
        return status(sms);
    }

    private Event ack(Sms sms, String providerId) {
        return new Event("ack-" + sms.messageId + "-" + providerId, Event.EventType.ACK, sms.messageId, providerId,
                null, null, testName + "_" + sms.gw, Map.of(), Instant.now(), Map.of(), Map.of());
    }

    /** A delivery report as sms-transport writes it. */
    private Event report(String userMessageId, DeliveryStatus deliveryStatus, String providerId, String providerStatus,
            String text, String status, String timestamp) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerId);
        metadata.put("provider_status", providerStatus);
        metadata.put("provider_status_text", text);
        metadata.put("status", status);
        metadata.put("provider_timestamp", timestamp);
        metadata.put("receipt", Map.of("apiMsgId", providerId, "status", providerStatus));
        return new Event("dr-" + userMessageId + "-" + providerStatus, Event.EventType.DELIVERY_REPORT,
                userMessageId, null, null, deliveryStatus, "x", metadata, Instant.now(), Map.of(), Map.of());
    }

    private void event(String gw, Event event) {
        publish(queue(gw + ".event"), event);
    }

    private void publish(String routingKey, io.richmond.sdk.message.Message message) {
        publisher.publish(routingKey, message).join();
    }

    private double unknownCount() {
        return meters.find("richmond.events.unknown").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
