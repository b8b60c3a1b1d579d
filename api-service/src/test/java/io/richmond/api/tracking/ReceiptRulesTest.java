package io.richmond.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.richmond.api.ApiTestBase;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.Event.DeliveryStatus;
import tools.jackson.databind.JsonNode;

/**
 * Which receipts an SMS keeps and which move it ({@link StatusTracker#applyAll}): a repeat of a receipt (the same
 * event, or the same provider status and time) is kept once and calls back once, however and whenever it comes
 * again; a {@code delivered} receipt after a failure still delivers the SMS, nothing moves a delivered SMS.
 */
class ReceiptRulesTest extends ApiTestBase {

    private static final String DELIVERED_AT = "2008-08-31 15:59:24";

    @Autowired
    private StatusTracker tracker;
    private String user;

    @BeforeEach
    void account() {
        user = newAccount("receipts");
        ok(postForm(user, "/api/v1/account/callbacks.json", form("name", "sms_receipt", "url",
                "http://example.com/receipt")));
    }

    @Test
    void aReceiptRepeatedAHundredTimesInOneBatchIsKeptOnceWithOneJob() {
        String sms = submitted();
        Event receipt = delivered(sms, providerId(sms));

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA, Collections.nCopies(100, receipt));

        assertThat(jobs(outcomes)).isEqualTo(1);
        assertThat(history(sms)).isEqualTo(1);
        assertThat(row(sms)).containsEntry("status", "DELIVERED");
    }

    @Test
    void aReceiptRepeatedInLaterBatchesChangesNothing() {
        String sms = submitted();
        Event receipt = delivered(sms, providerId(sms));
        assertThat(jobs(tracker.applyAll(Gateway.OPERA, List.of(receipt)))).isEqualTo(1);
        Map<String, Object> before = row(sms);

        for (int i = 0; i < 99; i++) {
            assertThat(jobs(tracker.applyAll(Gateway.OPERA, List.of(receipt)))).isZero();
        }

        assertThat(history(sms)).isEqualTo(1);
        assertThat(row(sms)).isEqualTo(before);
    }

    @Test
    void theSameReceiptUnderOtherEventIdsIsRecognisedByItsProviderStatusAndTime() {
        String sms = submitted();
        String providerId = providerId(sms);
        List<Event> copies = IntStream.range(0, 50).mapToObj(i -> delivered(sms, providerId)).toList();

        assertThat(jobs(tracker.applyAll(Gateway.OPERA, copies))).isEqualTo(1);
        for (int i = 0; i < 50; i++) {
            assertThat(jobs(tracker.applyAll(Gateway.OPERA, List.of(delivered(sms, providerId))))).isZero();
        }

        assertThat(history(sms)).isEqualTo(1);
    }

    @Test
    void theSameStatusAtAnotherProviderTimeIsAnotherReceiptButChangesNothing() {
        String sms = submitted();
        String providerId = providerId(sms);
        tracker.applyAll(Gateway.OPERA, List.of(delivered(sms, providerId)));
        Map<String, Object> before = row(sms);

        List<List<CallbackJobRecord>> later = tracker.applyAll(Gateway.OPERA,
                List.of(receipt(sms, providerId, "D", "delivered", "2008-08-31 16:10:00")));

        assertThat(jobs(later)).isZero();
        assertThat(history(sms)).isEqualTo(2);
        assertThat(row(sms)).isEqualTo(before);
    }

    @Test
    void aReceiptWithoutAProviderTimeIsRecognisedByItsEventIdOnly() {
        String sms = submitted();
        String providerId = providerId(sms);
        Event first = receipt(sms, providerId, "D", "delivered", null);

        assertThat(jobs(tracker.applyAll(Gateway.OPERA, List.of(first, first)))).isEqualTo(1);
        // Without a time a second delivered receipt may be a new one: kept, but it tells nothing new.
        assertThat(jobs(tracker.applyAll(Gateway.OPERA, List.of(receipt(sms, providerId, "D", "delivered", null)))))
                .isZero();

        assertThat(history(sms)).isEqualTo(2);
    }

    @Test
    void aReceiptRepeatedAHundredTimesBeforeItsAckWaitsOnceAndIsAppliedOnce() {
        String sms = send();
        String providerId = unique("op");
        Event receipt = delivered(providerId, providerId);

        tracker.applyAll(Gateway.OPERA, Collections.nCopies(50, receipt));
        for (int i = 0; i < 50; i++) {
            tracker.applyAll(Gateway.OPERA, List.of(receipt));
        }
        assertThat(pending(providerId)).isEqualTo(1);

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA, List.of(ack(sms, providerId)));

        assertThat(jobs(outcomes)).isEqualTo(1);
        assertThat(history(sms)).isEqualTo(1);
        assertThat(pending(providerId)).isZero();
        assertThat(row(sms)).containsEntry("status", "DELIVERED");
    }

    @Test
    void theSameReceiptUnderOtherEventIdsBeforeItsAckIsAppliedOnce() {
        String sms = send();
        String providerId = unique("op");
        for (int i = 0; i < 10; i++) {
            tracker.applyAll(Gateway.OPERA, List.of(delivered(providerId, providerId)));
        }

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA, List.of(ack(sms, providerId)));

        assertThat(jobs(outcomes)).isEqualTo(1);
        assertThat(history(sms)).isEqualTo(1);
        assertThat(pending(providerId)).isZero();
    }

    @Test
    void aDeliveredReceiptAfterAFailedOneDeliversTheSms() {
        aDeliveredReceiptAfter("F", "failed");
    }

    @Test
    void aDeliveredReceiptAfterARejectedOneDeliversTheSms() {
        aDeliveredReceiptAfter("R", "rejected");
    }

    @Test
    void aDeliveredReceiptAfterAnExpiredOneDeliversTheSms() {
        aDeliveredReceiptAfter("E", "expired");
    }

    private void aDeliveredReceiptAfter(String providerStatus, String status) {
        String sms = submitted();
        String providerId = providerId(sms);
        List<List<CallbackJobRecord>> failed = tracker.applyAll(Gateway.OPERA,
                List.of(receipt(sms, providerId, providerStatus, status, "2008-08-31 15:58:00")));
        assertThat(row(sms)).containsEntry("status", status.toUpperCase(Locale.ROOT))
                .containsEntry("delivered_at", null);

        List<List<CallbackJobRecord>> delivered = tracker.applyAll(Gateway.OPERA, List.of(delivered(sms, providerId)));

        assertThat(jobs(failed)).isEqualTo(1);
        assertThat(jobs(delivered)).isEqualTo(1);
        assertThat(status(delivered)).isEqualTo("delivered");
        assertThat(history(sms)).isEqualTo(2);
        assertThat(row(sms)).containsEntry("status", "DELIVERED").containsEntry("transport_status", "D")
                .containsEntry("delivered_at", Instant.parse("2008-08-31T15:59:24Z"));
    }

    @Test
    void aFailedReceiptAfterADeliveredOneIsKeptButChangesNothing() {
        nothingMovesADeliveredSms("F", "failed");
    }

    @Test
    void aRejectedReceiptAfterADeliveredOneIsKeptButChangesNothing() {
        nothingMovesADeliveredSms("R", "rejected");
    }

    @Test
    void anExpiredReceiptAfterADeliveredOneIsKeptButChangesNothing() {
        nothingMovesADeliveredSms("E", "expired");
    }

    private void nothingMovesADeliveredSms(String providerStatus, String status) {
        String sms = submitted();
        String providerId = providerId(sms);
        List<List<CallbackJobRecord>> delivered = tracker.applyAll(Gateway.OPERA, List.of(delivered(sms, providerId)));
        Map<String, Object> before = row(sms);

        List<List<CallbackJobRecord>> later = tracker.applyAll(Gateway.OPERA,
                List.of(receipt(sms, providerId, providerStatus, status, "2008-08-31 16:00:00"),
                        receipt(sms, providerId, "S", "submitted", "2008-08-31 16:01:00")));

        assertThat(jobs(delivered)).isEqualTo(1);
        assertThat(jobs(later)).isZero();
        assertThat(history(sms)).isEqualTo(3);
        assertThat(row(sms)).isEqualTo(before);
    }

    @Test
    void aFailedSmsTakesNoOtherFailureAndNeverGoesBack() {
        String sms = submitted();
        String providerId = providerId(sms);
        tracker.applyAll(Gateway.OPERA, List.of(receipt(sms, providerId, "F", "failed", "2008-08-31 15:58:00")));

        List<List<CallbackJobRecord>> later = tracker.applyAll(Gateway.OPERA,
                List.of(receipt(sms, providerId, "E", "expired", "2008-08-31 15:58:30"),
                        receipt(sms, providerId, "S", "submitted", "2008-08-31 15:59:00"),
                        nack(sms, "too late"), ack(sms, providerId)));

        assertThat(jobs(later)).isZero();
        assertThat(row(sms)).containsEntry("status", "FAILED").containsEntry("transport_status", "F")
                .containsEntry("failure_reason", null);
        assertThat(history(sms)).isEqualTo(3);
    }

    @Test
    void aDeliveredReceiptAfterANackDeliversTheSmsAndClearsTheReason() {
        String sms = send();
        tracker.applyAll(Gateway.OPERA, List.of(nack(sms, "timed out after 6 attempts")));
        assertThat(row(sms)).containsEntry("status", "REJECTED")
                .containsEntry("failure_reason", "timed out after 6 attempts");

        List<List<CallbackJobRecord>> outcomes = tracker.applyAll(Gateway.OPERA, List.of(delivered(sms, "op-late")));

        assertThat(jobs(outcomes)).isEqualTo(1);
        assertThat(row(sms)).containsEntry("status", "DELIVERED").containsEntry("failure_reason", null);
    }

    /** An SMS sent through Opera, acked with a provider id of its own. */
    private String submitted() {
        String sms = send();
        tracker.applyAll(Gateway.OPERA, List.of(ack(sms, providerId(sms))));
        return sms;
    }

    private String send() {
        JsonNode sent = ok(postForm(user, "/api/v1/sms/opera/send.json", form("to_msisdn", "27821000000",
                "from_msisdn", "27123456780", "message", "hello")));
        return jdbc.queryForObject("select message_id from sent_sms where id = ?", String.class,
                sent.get(0).get("id").asLong());
    }

    private static String providerId(String messageId) {
        return "op-" + messageId.substring(0, 12);
    }

    private Map<String, Object> row(String messageId) {
        return jdbc.queryForObject("select status, transport_status, failure_reason, updated_at, delivered_at"
                + " from sent_sms where message_id = ?", (rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String column : List.of("status", "transport_status", "failure_reason")) {
                        row.put(column, rs.getString(column));
                    }
                    for (String column : List.of("updated_at", "delivered_at")) {
                        java.sql.Timestamp at = rs.getTimestamp(column);
                        row.put(column, at == null ? null : at.toInstant());
                    }
                    return row;
                }, messageId);
    }

    private int history(String messageId) {
        return jdbc.queryForObject("select count(*) from sms_receipt r join sent_sms s on s.id = r.sent_sms_id"
                + " where s.message_id = ?", Integer.class, messageId);
    }

    private int pending(String providerId) {
        return jdbc.queryForObject("select count(*) from pending_receipt where provider_message_id = ?",
                Integer.class, providerId);
    }

    private static int jobs(List<List<CallbackJobRecord>> outcomes) {
        return outcomes.stream().mapToInt(List::size).sum();
    }

    /** The SMS status the only job of {@code outcomes} reports. */
    private static String status(List<List<CallbackJobRecord>> outcomes) {
        List<CallbackJobRecord> jobs = new ArrayList<>();
        outcomes.forEach(jobs::addAll);
        assertThat(jobs).hasSize(1);
        return JSON.readTree(jobs.get(0).getPayload()).get("fields").get("status").asString();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Event ack(String messageId, String providerId) {
        return new Event(unique("ack"), Event.EventType.ACK, messageId, providerId, null, null, "opera", Map.of(),
                Instant.now(), Map.of(), Map.of());
    }

    private static Event nack(String messageId, String reason) {
        return new Event(unique("nack"), Event.EventType.NACK, messageId, null, reason, null, "opera", Map.of(),
                Instant.now(), Map.of(), Map.of());
    }

    /** Opera's delivered receipt at {@link #DELIVERED_AT}, under an event id of its own. */
    private static Event delivered(String userMessageId, String providerId) {
        return receipt(userMessageId, providerId, "D", "delivered", DELIVERED_AT);
    }

    /** A receipt as sms-transport writes it, under an event id of its own. */
    private static Event receipt(String userMessageId, String providerId, String providerStatus, String status,
            String providerTimestamp) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("provider_message_id", providerId);
        metadata.put("provider_status", providerStatus);
        metadata.put("provider_status_text", "status " + providerStatus);
        metadata.put("status", status);
        if (providerTimestamp != null) {
            metadata.put("provider_timestamp", providerTimestamp);
        }
        DeliveryStatus deliveryStatus = switch (status) {
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "submitted" -> DeliveryStatus.PENDING;
            default -> DeliveryStatus.FAILED;
        };
        return new Event(unique("dr"), Event.EventType.DELIVERY_REPORT, userMessageId, null, null, deliveryStatus,
                "opera", metadata, Instant.now(), Map.of(), Map.of());
    }
}
