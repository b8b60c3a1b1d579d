package io.richmond.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.boot.ManagedQueueConsumer;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sdk.message.Message;
import io.richmond.sdk.message.UserMessage;

/**
 * A provider that calls a webhook again makes sms-transport publish the same event or inbound message again: a
 * hundred copies on the bus, together or one after another, change nothing after the first. One row, one callback
 * job, one hand-over to a keyword's workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepeatedEventsTest extends ApiTestBase {

    private static final int COPIES = 100;

    @Autowired
    private MessagePublisher publisher;
    @Autowired
    @Qualifier("clickatellEvents")
    private ManagedQueueConsumer clickatellEvents;
    @Autowired
    @Qualifier("operaEvents")
    private ManagedQueueConsumer operaEvents;
    @Autowired
    @Qualifier("clickatellInbound")
    private ManagedQueueConsumer clickatellInbound;
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
        user = newAccount("repeats");
        queues.purge(queue("callbacks.jobs"));
    }

    @Test
    void aReceiptPublishedAHundredTimesAtOnceIsKeptAndCalledBackOnce() {
        callback("sms_receipt");
        String sms = submitted("clickatell", "apimsgid-" + UUID.randomUUID());
        Event receipt = delivered(sms, "004", "2010-05-14 16:32:00");

        // Published while nobody consumes, so that the consumers take the copies together, in shared batches.
        clickatellEvents.stop();
        try {
            for (int i = 0; i < COPIES; i++) {
                publish(queue("clickatell.event"), receipt);
            }
        } finally {
            clickatellEvents.start();
        }
        drain(clickatellEvents, queue("clickatell.event"));

        assertThat(status(sms)).isEqualTo("DELIVERED");
        assertThat(history(sms)).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
        await().atMost(DEADLINE).until(() -> queues.count(queue("callbacks.jobs")) == 1);
    }

    @Test
    void aReceiptPublishedAgainAfterItWasAppliedChangesNothing() {
        callback("sms_receipt");
        String sms = submitted("clickatell", "apimsgid-" + UUID.randomUUID());
        Event receipt = delivered(sms, "004", "2010-05-14 16:32:00");
        publish(queue("clickatell.event"), receipt);
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(status(sms)));

        for (int i = 1; i < COPIES; i++) {
            publish(queue("clickatell.event"), receipt);
        }
        drain(clickatellEvents, queue("clickatell.event"));

        assertThat(history(sms)).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
    }

    @Test
    void aReceiptPublishedAHundredTimesBeforeItsAckWaitsOnceAndIsAppliedOnce() {
        callback("sms_receipt");
        String sms = send("opera");
        String providerId = "op-" + UUID.randomUUID();
        Event receipt = report(providerId, providerId, "D", "delivered", "2008-08-31 15:59:24");

        for (int i = 0; i < COPIES; i++) {
            publish(queue("opera.event"), receipt);
        }
        drain(operaEvents, queue("opera.event"));
        assertThat(jdbc.queryForObject("select count(*) from pending_receipt where provider_message_id = ?",
                Integer.class, providerId)).isEqualTo(1);

        publish(queue("opera.event"), ack(sms, providerId, "opera"));
        await().atMost(DEADLINE).until(() -> "DELIVERED".equals(status(sms)));
        for (int i = 0; i < COPIES; i++) {
            publish(queue("opera.event"), receipt);
        }
        drain(operaEvents, queue("opera.event"));

        assertThat(history(sms)).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from pending_receipt where provider_message_id = ?",
                Integer.class, providerId)).isZero();
    }

    @Test
    void anInboundSmsPublishedAHundredTimesIsStoredCalledBackAndHandedOverOnce() {
        callback("sms_received");
        String number = registerKeyword("hundred");
        UserMessage inbound = inbound(number, "HUNDRED times");

        clickatellInbound.stop();
        try {
            for (int i = 0; i < COPIES / 2; i++) {
                publish(queue("clickatell.inbound"), inbound);
            }
        } finally {
            clickatellInbound.start();
        }
        for (int i = COPIES / 2; i < COPIES; i++) {
            publish(queue("clickatell.inbound"), inbound);
        }
        drain(clickatellInbound, queue("clickatell.inbound"));

        assertThat(jdbc.queryForObject("select count(*) from received_sms where message_id = ?", Integer.class,
                inbound.messageId())).isEqualTo(1);
        assertThat(jobs()).isEqualTo(1);
        assertThat(queues.count(queue("keyword.hundred"))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select handed_over_at is not null from received_sms where message_id = ?",
                Boolean.class, inbound.messageId())).isTrue();
        assertThat(queues.count(queue("clickatell.failures"))).isZero();
    }

    @Test
    void anInboundSmsWhoseHandOverWasNeverConfirmedIsHandedOverByItsRedelivery() {
        String number = registerKeyword("again");
        UserMessage inbound = inbound(number, "again please");
        publish(queue("clickatell.inbound"), inbound);
        queues.take(queue("keyword.again"), 1, DEADLINE);
        await().atMost(DEADLINE).until(() -> jdbc.queryForObject("select handed_over_at is not null from"
                + " received_sms where message_id = ?", Boolean.class, inbound.messageId()));
        // As a process that died after the commit, before the broker confirmed the hand-over, would leave it.
        jdbc.update("update received_sms set handed_over_at = null where message_id = ?", inbound.messageId());

        publish(queue("clickatell.inbound"), inbound);
        queues.take(queue("keyword.again"), 1, DEADLINE);
        publish(queue("clickatell.inbound"), inbound);
        drain(clickatellInbound, queue("clickatell.inbound"));

        assertThat(queues.count(queue("keyword.again"))).isZero();
        assertThat(jdbc.queryForObject("select count(*) from received_sms where message_id = ?", Integer.class,
                inbound.messageId())).isEqualTo(1);
    }

    /**
     * Waits until the consumer has finished every message of the queue: none waits on the queue, and stopping the
     * consumer lets those it holds finish (any it had not started go back on the queue, and it starts again).
     */
    private void drain(ManagedQueueConsumer consumer, String queue) {
        await().atMost(DEADLINE).until(() -> {
            if (queues.count(queue) > 0) {
                return false;
            }
            consumer.stop();
            consumer.start();
            return queues.count(queue) == 0;
        });
    }

    private void callback(String name) {
        ok(postForm(user, "/api/v1/account/callbacks.json", form("name", name, "url", "http://example.com/" + name)));
    }

    /** A short code routed to {@link #user}, with the keyword on it. */
    private String registerKeyword(String keyword) {
        String number = String.valueOf(100_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 900_000));
        accounts.route(number, user);
        ok(postForm(user, "/api/v1/account/keywords.json", form("number", number, "keyword", keyword)));
        queues.purge(queue("keyword." + keyword));
        return number;
    }

    private String send(String gw) {
        long id = ok(postForm(user, "/api/v1/sms/" + gw + "/send.json", form("to_msisdn", "27123456789",
                "from_msisdn", "27123456780", "message", "hello world"))).get(0).get("id").asLong();
        return jdbc.queryForObject("select message_id from sent_sms where id = ?", String.class, id);
    }

    private String submitted(String gw, String providerId) {
        String sms = send(gw);
        publish(queue(gw + ".event"), ack(sms, providerId, gw));
        await().atMost(DEADLINE).until(() -> "SUBMITTED".equals(status(sms)));
        return sms;
    }

    private String status(String messageId) {
        return jdbc.queryForObject("select status from sent_sms where message_id = ?", String.class, messageId);
    }

    private int history(String messageId) {
        return jdbc.queryForObject("select count(*) from sms_receipt r join sent_sms s on s.id = r.sent_sms_id"
                + " where s.message_id = ?", Integer.class, messageId);
    }

    private int jobs() {
        return jdbc.queryForObject("select count(*) from callback_job where account_id = ?", Integer.class,
                accountId(user));
    }

    private UserMessage inbound(String to, String content) {
        return UserMessage.builder().toAddr(to).fromAddr("+27831234567").content(content)
                .transportName(testName + "_clickatell").transportType("sms")
                .transportMetadata(Map.of("provider_message_id", "mo-" + UUID.randomUUID(), "charset", "utf8"))
                .build();
    }

    private Event ack(String messageId, String providerId, String gw) {
        return new Event("ack-" + messageId, Event.EventType.ACK, messageId, providerId, null, null,
                testName + "_" + gw, Map.of(), Instant.now(), Map.of(), Map.of());
    }

    private Event delivered(String messageId, String providerStatus, String timestamp) {
        return report(messageId, "apimsgid", providerStatus, "delivered", timestamp);
    }

    /** A receipt as sms-transport writes it; the same arguments give the same event id, as they do there. */
    private Event report(String userMessageId, String providerId, String providerStatus, String status,
            String timestamp) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerId);
        metadata.put("provider_status", providerStatus);
        metadata.put("provider_status_text", "Delivered");
        metadata.put("status", status);
        metadata.put("provider_timestamp", timestamp);
        String eventId = UUID.nameUUIDFromBytes((userMessageId + providerId + providerStatus + timestamp)
                .getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
        return new Event(eventId, Event.EventType.DELIVERY_REPORT, userMessageId, null, null,
                DeliveryStatus.DELIVERED, "x", metadata, Instant.now(), Map.of(), Map.of());
    }

    private void publish(String routingKey, Message message) {
        publisher.publish(routingKey, message).join();
    }
}
