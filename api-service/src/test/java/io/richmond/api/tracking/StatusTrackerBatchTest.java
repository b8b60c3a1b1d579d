package io.richmond.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiTestBase;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.FailureMessage;
import io.richmond.sdk.message.MessageCodec;
import io.richmond.testsupport.LocalServices;
import tools.jackson.databind.JsonNode;

/**
 * Batches of events applied in one transaction ({@link StatusTracker#applyAll}) leave every SMS as the same events
 * applied one at a time would, and a batch's bad event fails alone ({@link EventBatches}).
 */
class StatusTrackerBatchTest extends ApiTestBase {

    @Autowired
    private StatusTracker tracker;
    @Autowired
    private MessagePublisher publisher;
    @Autowired
    private MessageCodec codec;
    @Autowired
    private MeterRegistry meters;
    private String user;

    @BeforeEach
    void account() {
        user = newAccount("tracking");
    }

    @Test
    void acksAndNacksOfOneBatchEachMoveTheirSms() {
        List<String> sms = send("clickatell", 3);

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.CLICKATELL, List.of(ack(sms.get(0), "p-a"),
                nack(sms.get(1), "301: No credit left"), ack(sms.get(2), "p-c")));

        assertThat(outcomes).hasSize(3).allSatisfy(jobs -> assertThat(jobs).isEmpty());
        Map<String, Object> first = row(sms.get(0));
        assertThat(first).containsEntry("status", "SUBMITTED").containsEntry("transport_msg_id", "p-a");
        assertThat((Instant) first.get("updated_at")).isAfter((Instant) first.get("created_at"));
        assertThat(row(sms.get(1))).containsEntry("status", "REJECTED")
                .containsEntry("failure_reason", "301: No credit left").containsEntry("transport_msg_id", "");
        assertThat(row(sms.get(2))).containsEntry("status", "SUBMITTED").containsEntry("transport_msg_id", "p-c")
                .containsEntry("updated_at", first.get("updated_at"));
    }

    @Test
    void aReceiptThatWaitedIsAppliedByItsAckAndMakesItsJobThere() {
        callback("sms_receipt");
        List<String> sms = send("opera", 2);
        String providerId = unique("op");

        assertThat(tracker.applyAll(Gateway.OPERA, List.of(report(providerId, providerId)))).containsExactly(List.of());
        assertThat(pendingFor(providerId)).isEqualTo(1);

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA,
                List.of(ack(sms.get(0), providerId), ack(sms.get(1), unique("op"))));

        assertThat(outcomes.get(0)).hasSize(1);
        assertThat(JSON.readTree(outcomes.get(0).get(0).getPayload()).get("fields").get("status").asString())
                .isEqualTo("delivered");
        assertThat(outcomes.get(1)).isEmpty();
        assertThat(row(sms.get(0))).containsEntry("status", "DELIVERED").containsEntry("transport_status", "D")
                .containsEntry("delivered_at", Instant.parse("2008-08-31T15:59:24Z"));
        assertThat(row(sms.get(1))).containsEntry("status", "SUBMITTED");
        assertThat(pendingFor(providerId)).isZero();
    }

    @Test
    void aReceiptAheadOfItsAckInOneBatchFindsTheSmsWithoutWaiting() {
        callback("sms_receipt");
        String sms = send("opera", 1).get(0);
        String providerId = unique("op");

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA,
                List.of(report(providerId, providerId), ack(sms, providerId)));

        assertThat(outcomes.get(0)).hasSize(1);
        assertThat(outcomes.get(1)).isEmpty();
        assertThat(row(sms)).containsEntry("status", "DELIVERED").containsEntry("transport_msg_id", providerId);
        assertThat(pendingFor(providerId)).isZero();
    }

    @Test
    void anAckRepeatedInOneBatchTakesTheWaitingReceiptOnceAndTheLastProviderIdWins() {
        callback("sms_receipt");
        List<String> sms = send("opera", 2);
        String providerId = unique("op");
        tracker.applyAll(Gateway.OPERA, List.of(report(providerId, providerId)));
        Event ack = ack(sms.get(0), providerId);

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA,
                List.of(ack, ack, ack(sms.get(1), "first"), ack(sms.get(1), "second")));

        assertThat(outcomes.stream().map(List::size)).containsExactly(1, 0, 0, 0);
        assertThat(row(sms.get(0))).containsEntry("status", "DELIVERED").containsEntry("transport_msg_id", providerId);
        assertThat(jdbc.queryForObject("select count(*) from sms_receipt r join sent_sms s on s.id = r.sent_sms_id"
                + " where s.message_id = ?", Integer.class, sms.get(0))).isEqualTo(1);
        assertThat(row(sms.get(1))).containsEntry("status", "SUBMITTED").containsEntry("transport_msg_id", "second");
    }

    @Test
    void acksAndNacksForUnknownMessagesAreCountedAndDroppedWithoutTheirBatch() {
        String sms = send("clickatell", 1).get(0);
        String stranger = UUID.randomUUID().toString().replace("-", "");
        double acks = unknown("ack");
        double nacks = unknown("nack");

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.CLICKATELL,
                List.of(ack(stranger, "p-x"), ack(sms, "p-known"), nack(stranger, "no")));

        assertThat(outcomes).hasSize(3).allSatisfy(jobs -> assertThat(jobs).isEmpty());
        assertThat(unknown("ack")).isEqualTo(acks + 1);
        assertThat(unknown("nack")).isEqualTo(nacks + 1);
        assertThat(row(sms)).containsEntry("status", "SUBMITTED").containsEntry("transport_msg_id", "p-known");
        assertThat(jdbc.queryForObject("select count(*) from sent_sms where message_id = ?", Integer.class, stranger))
                .isZero();
    }

    @Test
    void anUnknownAckInABatchThatRolledBackIsCountedOnlyWhenItIsAppliedAgain() {
        String sms = send("clickatell", 1).get(0);
        String stranger = UUID.randomUUID().toString().replace("-", "");
        double acks = unknown("ack");

        assertThatThrownBy(() -> tracker.applyAll(Gateway.CLICKATELL,
                List.of(ack(stranger, "p-x"), ack(sms, "p".repeat(300)))))
                .isInstanceOf(DataAccessException.class);
        assertThat(unknown("ack")).isEqualTo(acks);

        tracker.applyAll(Gateway.CLICKATELL, List.of(ack(stranger, "p-x")));
        assertThat(unknown("ack")).isEqualTo(acks + 1);
    }

    @Test
    void aLateAckGivesTheProviderIdButMovesNoFinalStatusBack() {
        List<String> sms = send("clickatell", 2);
        String delivered = sms.get(0);
        String rejected = sms.get(1);
        tracker.applyAll(Gateway.CLICKATELL, List.of(report(delivered, "p-d"), nack(rejected, "refused")));
        Map<String, Object> before = row(delivered);

        tracker.applyAll(Gateway.CLICKATELL, List.of(ack(delivered, "p-d"), ack(rejected, "p-r")));

        Map<String, Object> after = row(delivered);
        assertThat(after).containsEntry("status", "DELIVERED").containsEntry("transport_msg_id", "p-d")
                .containsEntry("transport_status", "D").containsEntry("delivered_at", before.get("delivered_at"));
        assertThat((Instant) after.get("updated_at")).isAfter((Instant) before.get("updated_at"));
        assertThat(row(rejected)).containsEntry("status", "REJECTED").containsEntry("failure_reason", "refused")
                .containsEntry("transport_msg_id", "p-r");
    }

    @Test
    void aBatchWithAnEventThatCannotBeStoredChangesNothing() {
        List<String> sms = send("clickatell", 2);

        assertThatThrownBy(() -> tracker.applyAll(Gateway.CLICKATELL,
                List.of(ack(sms.get(0), "p-ok"), ack(sms.get(1), "p".repeat(300)))))
                .isInstanceOf(DataAccessException.class);

        assertThat(row(sms.get(0))).containsEntry("status", "QUEUED").containsEntry("transport_msg_id", "");
        assertThat(row(sms.get(1))).containsEntry("status", "QUEUED");
    }

    @Test
    void anEventThatFailsAloneGoesToFailuresAndTheOthersOfItsBatchAreApplied() throws Exception {
        List<String> sms = send("clickatell", 20);
        Event bad = ack(sms.get(7), "p".repeat(300));
        List<Event> events = new ArrayList<>();
        IntStream.range(0, sms.size()).forEach(i -> events.add(i == 7 ? bad : ack(sms.get(i), "p-" + i)));

        events.forEach(event -> publisher.publish(queue("clickatell.event"), event).join());

        await().atMost(DEADLINE).until(() -> jdbc.queryForObject("select count(*) from sent_sms where message_id in ("
                + String.join(",", sms.stream().map(id -> "'" + id + "'").toList()) + ") and status = 'SUBMITTED'",
                Integer.class) == sms.size() - 1);
        FailureMessage failure = codec.decode(takeOne(queue("clickatell.failures")), FailureMessage.class);
        assertThat(failure.message().get("event_id").asString()).isEqualTo(bad.eventId());
        assertThat(row(sms.get(7))).containsEntry("status", "QUEUED");
    }

    private List<String> send(String gw, int count) {
        List<String> form = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> form.addAll(List.of("to_msisdn", "2782" + (1_000_000 + i))));
        form.addAll(List.of("from_msisdn", "27123456780", "message", "hello"));
        JsonNode sent = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form(form.toArray(String[]::new))));
        List<String> messageIds = new ArrayList<>();
        sent.forEach(sms -> messageIds.add(jdbc.queryForObject("select message_id from sent_sms where id = ?",
                String.class, sms.get("id").asLong())));
        return messageIds;
    }

    private void callback(String name) {
        ok(postForm(user, "/api/v1/account/callbacks.json", form("name", name, "url", "http://example.com/" + name)));
    }

    private Map<String, Object> row(String messageId) {
        return jdbc.queryForObject("select status, transport_msg_id, transport_status, failure_reason, created_at,"
                + " updated_at, delivered_at from sent_sms where message_id = ?", (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String column : List.of("status", "transport_msg_id", "transport_status",
                            "failure_reason")) {
                        row.put(column, rs.getString(column));
                    }
                    for (String column : List.of("created_at", "updated_at", "delivered_at")) {
                        java.sql.Timestamp at = rs.getTimestamp(column);
                        row.put(column, at == null ? null : at.toInstant());
                    }
                    return row;
                }, messageId);
    }

    private int pendingFor(String providerId) {
        return jdbc.queryForObject("select count(*) from pending_receipt where provider_message_id = ?",
                Integer.class, providerId);
    }

    private double unknown(String type) {
        return meters.find("richmond.events.unknown").tags("type", type).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Event ack(String messageId, String providerId) {
        return new Event(unique("ack"), Event.EventType.ACK, messageId, providerId, null, null, "clickatell",
                Map.of(), Instant.now(), Map.of(), Map.of());
    }

    private static Event nack(String messageId, String reason) {
        return new Event(unique("nack"), Event.EventType.NACK, messageId, null, reason, null, "clickatell", Map.of(),
                Instant.now(), Map.of(), Map.of());
    }

    /** A delivered receipt as sms-transport writes it, naming the SMS by {@code userMessageId}. */
    private static Event report(String userMessageId, String providerId) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerId);
        metadata.put("provider_status", "D");
        metadata.put("provider_status_text", "Delivered");
        metadata.put("status", "delivered");
        metadata.put("provider_timestamp", "2008-08-31 15:59:24");
        return new Event(unique("dr"), Event.EventType.DELIVERY_REPORT, userMessageId, null, null,
                DeliveryStatus.DELIVERED, "opera", metadata, Instant.now(), Map.of(), Map.of());
    }

    /** The next message of the queue, taken off it, waiting for it up to {@link #DEADLINE}. */
    private static byte[] takeOne(String queue) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(LocalServices.amqpUri().orElseThrow());
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            GetResponse[] got = new GetResponse[1];
            await().atMost(DEADLINE).until(() -> (got[0] = channel.basicGet(queue, true)) != null);
            return got[0].getBody();
        }
    }
}
