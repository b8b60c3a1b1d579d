package io.richmond.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiProperties;
import io.richmond.api.ApiTestBase;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.amqp.MessagePublisher;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;

/**
 * Receipts for provider ids no ack reports, published to {@code <gw>.event} as anyone who can post to a webhook can
 * make sms-transport do: at most {@code max-per-gateway} of them wait, the rest are dropped and counted, and those
 * that wait longer than the {@code ttl} are deleted and counted.
 */
@TestPropertySource(properties = {
        "richmond.api.pending-receipts.max-per-gateway=" + PendingReceiptsTest.BOUND,
        "richmond.api.pending-receipts.sweep-interval=200ms"})
class PendingReceiptsTest extends ApiTestBase {

    static final int BOUND = 100;
    private static final int RECEIPTS = 10_000;
    /** Applying ten thousand receipts on a busy machine. */
    private static final Duration FLOOD_DEADLINE = Duration.ofMinutes(3);

    @Autowired
    private MessagePublisher publisher;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private StatusTracker tracker;

    @BeforeEach
    void nothingWaits() {
        jdbc.update("delete from pending_receipt");
    }

    @Test
    void tenThousandReceiptsForUnknownIdsLeaveAtMostTheBoundAndTheRestAreCounted() {
        double droppedBefore = dropped("opera", "full");
        double keptBefore = kept("opera");
        List<Event> receipts = new ArrayList<>();
        for (int i = 0; i < RECEIPTS; i++) {
            receipts.add(receipt("forged-" + i + "-" + UUID.randomUUID()));
        }

        List<CompletableFuture<Void>> published = receipts.stream()
                .map(receipt -> publisher.publish(queue("opera.event"), receipt)).toList();
        CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();

        await().atMost(FLOOD_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(waiting("opera")).isLessThanOrEqualTo(BOUND);
            return dropped("opera", "full") - droppedBefore == RECEIPTS - BOUND;
        });
        assertThat(waiting("opera")).isEqualTo(BOUND);
        assertThat(kept("opera") - keptBefore).isEqualTo(BOUND);
        assertThat(waiting("clickatell")).isZero();
        await().atMost(DEADLINE).until(() -> held("opera") == BOUND);

        // A repeat of a receipt that waits is not a new one: neither kept again nor dropped.
        Event waitingAlready = receipts.stream().filter(receipt -> jdbc.queryForObject("select count(*) from"
                + " pending_receipt where event_id = ?", Integer.class, receipt.eventId()) == 1).findFirst()
                .orElseThrow();
        tracker.applyAll(Gateway.OPERA, List.of(waitingAlready, receipt("one-more")));
        assertThat(dropped("opera", "full") - droppedBefore).isEqualTo(RECEIPTS - BOUND + 1);
        assertThat(waiting("opera")).isEqualTo(BOUND);
        assertThat(kept("opera") - keptBefore).isEqualTo(BOUND);
    }

    @Test
    void aReceiptThatWaitedLongerThanTheTtlIsDeletedAndCounted() {
        double expiredBefore = dropped("clickatell", "expired");
        Event old = receipt("old-" + UUID.randomUUID());
        Event young = receipt("young-" + UUID.randomUUID());
        publisher.publish(queue("clickatell.event"), old).join();
        publisher.publish(queue("clickatell.event"), young).join();
        await().atMost(DEADLINE).until(() -> waiting("clickatell") == 2);

        // Older than the default ttl (1h) by a minute.
        jdbc.update("update pending_receipt set received_at = received_at - interval '61 minutes' where event_id = ?",
                old.eventId());

        await().atMost(DEADLINE).until(() -> dropped("clickatell", "expired") - expiredBefore == 1);
        assertThat(jdbc.queryForList("select event_id from pending_receipt", String.class))
                .containsExactly(young.eventId());
        await().atMost(DEADLINE).until(() -> held("clickatell") == 1);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ApiProperties.PendingReceipts(-1, Duration.ofHours(1), Duration.ofSeconds(30)))
                .hasMessageContaining("richmond.api.pending-receipts.max-per-gateway");
        assertThatThrownBy(() -> new ApiProperties.PendingReceipts(10, Duration.ZERO, Duration.ofSeconds(30)))
                .hasMessageContaining("richmond.api.pending-receipts.ttl");
        assertThatThrownBy(() -> new ApiProperties.PendingReceipts(10, Duration.ofHours(1), Duration.ofSeconds(-1)))
                .hasMessageContaining(".sweep-interval");
    }

    private int waiting(String transport) {
        return jdbc.queryForObject("select count(*) from pending_receipt where transport_name = ?", Integer.class,
                transport);
    }

    private double dropped(String transport, String reason) {
        return meters.find("richmond.events.pending.dropped").tags("transport", transport, "reason", reason)
                .counters().stream().mapToDouble(counter -> counter.count()).sum();
    }

    private double kept(String transport) {
        return meters.find("richmond.events.pending").tags("transport", transport).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private double held(String transport) {
        return meters.get("richmond.events.pending.held").tags("transport", transport).gauge().value();
    }

    /** A delivered receipt naming a provider id that no SMS has. */
    private static Event receipt(String providerId) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerId);
        metadata.put("provider_status", "D");
        metadata.put("provider_status_text", "Delivered");
        metadata.put("status", "delivered");
        metadata.put("provider_timestamp", "2008-08-31 15:59:24");
        return new Event(UUID.randomUUID().toString().replace("-", ""), Event.EventType.DELIVERY_REPORT, providerId,
                null, null, DeliveryStatus.DELIVERED, "x", metadata, Instant.now(), Map.of(), Map.of());
    }
}
