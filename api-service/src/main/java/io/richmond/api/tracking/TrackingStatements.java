package io.richmond.api.tracking;

import java.time.Instant;
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
 * The statements {@link StatusTracker} sends through plain JDBC, each for a whole batch of events at once, within
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
}
