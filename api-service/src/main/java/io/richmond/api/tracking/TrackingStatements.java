package io.richmond.api.tracking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.richmond.api.sms.SmsStatus;

/**
 * The statements {@link StatusTracker} sends through plain JDBC, most for a whole batch of events at once, within
 * the caller's transaction. Each batch takes its locks in one order (advisory locks by key, rows by id), so that
 * two batches applied at once wait for each other instead of deadlocking.
 */
@Component
class TrackingStatements {

    /** The statuses an ack moves to {@code submitted}: the others stay, as {@link SmsStatus#mayBecome} says. */
    private static final String[] ACKNOWLEDGEABLE = Arrays.stream(SmsStatus.values())
            .filter(status -> status.mayBecome(SmsStatus.SUBMITTED)).map(SmsStatus::name).toArray(String[]::new);

    private final JdbcTemplate jdbc;

    TrackingStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serializes this transaction with every other one that reports or looks for one of these provider ids, until
     * it ends.
     */
    void lockProviderIds(String transportName, Collection<String> providerIds) {
        if (providerIds.isEmpty()) {
            return;
        }
        String[] keys = providerIds.stream().map(id -> transportName + ":" + id).distinct().toArray(String[]::new);
        // The subquery's order holds: a subquery with ORDER BY is not merged into the outer one.
        jdbc.query("select pg_advisory_xact_lock(h) from (select distinct hashtextextended(k, 0) h"
                + " from unnest(?::text[]) k order by h) sorted", row -> null, (Object) keys);
    }

    /** Locks the rows of these message ids (those that exist) until the transaction ends. */
    void lockMessages(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        // FOR UPDATE locks the rows as they leave the sort, so in id order.
        jdbc.query("select id from sent_sms where message_id = any(?::text[]) order by id for update", row -> null,
                (Object) messageIds.toArray(String[]::new));
    }

    /**
     * What {@code SentSms.acknowledged} does, for many SMS in one statement: the provider id, {@code updated_at},
     * and {@code submitted} unless the status is past it.
     *
     * @param providerIds the provider id of each message id
     * @return the message ids that named an SMS
     */
    Set<String> acknowledge(Map<String, String> providerIds, Instant now) {
        return new HashSet<>(jdbc.queryForList("update sent_sms s set transport_msg_id = a.provider_id,"
                + " updated_at = ?, status = case when s.status = any(?::text[]) then ? else s.status end"
                + " from unnest(?::text[], ?::text[]) a(message_id, provider_id) where s.message_id = a.message_id"
                + " returning s.message_id", String.class, now.atOffset(ZoneOffset.UTC), ACKNOWLEDGEABLE,
                SmsStatus.SUBMITTED.name(), providerIds.keySet().toArray(String[]::new),
                providerIds.values().toArray(String[]::new)));
    }

    /** A delivery report as its SMS's history keeps it ({@code sms_receipt}). */
    record Receipt(long sentSmsId, String eventId, String deliveryStatus, SmsStatus status, String providerStatus,
            String providerStatusText, Instant providerTimestamp, Instant receivedAt, String transportMetadata) {
    }

    /**
     * Adds the receipt to its SMS's history, unless the history has it already: the same event id (a redelivered
     * event), or the same status and provider status at the same provider time (a provider's repeated webhook call,
     * whatever event id the transport gave it). A receipt without a provider time is recognised by its event id only. The
     * caller holds the SMS's row lock, so no other transaction adds one of its receipts meanwhile.
     *
     * @return whether it was added
     */
    boolean keepReceipt(Receipt receipt) {
        OffsetDateTime providerTime = receipt.providerTimestamp() == null ? null
                : receipt.providerTimestamp().atOffset(ZoneOffset.UTC);
        return jdbc.update("insert into sms_receipt (sent_sms_id, event_id, delivery_status, status, provider_status,"
                + " provider_status_text, provider_timestamp, received_at, transport_metadata)"
                + " select ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?"
                + " where not exists (select 1 from sms_receipt where sent_sms_id = ? and status = ?"
                + " and provider_timestamp = ?::timestamptz and provider_status is not distinct from ?::text)"
                + " on conflict (event_id) do nothing",
                receipt.sentSmsId(), receipt.eventId(), receipt.deliveryStatus(), receipt.status().value(),
                receipt.providerStatus(), receipt.providerStatusText(), providerTime,
                receipt.receivedAt().atOffset(ZoneOffset.UTC), receipt.transportMetadata(), receipt.sentSmsId(),
                receipt.status().value(), providerTime, receipt.providerStatus()) == 1;
    }
}
