package io.richmond.api.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.AfterCommit;
import io.richmond.api.ApiProperties;
import io.richmond.api.sms.Gateway;
import io.richmond.sdk.message.Event;
import io.richmond.sdk.message.MessageCodec;

/**
 * The table {@code pending_receipt}: keeps the delivery reports that name a provider id no ack has reported yet,
 * until that ack arrives: once per event, and at most {@code richmond.api.pending-receipts.max-per-gateway} per
 * gateway. Anyone who can post to a provider webhook can make receipts for ids no ack will ever report, so beyond
 * the bound a new receipt is dropped (and counted) rather than stored. {@link PendingReceiptSweeper} deletes those
 * whose ack never came.
 */
@Component
class PendingReceiptStore {

    /** A delivery report that waits for the ack of {@code providerId}. */
    record Waiting(String providerId, Event event) {
    }

    /** Receipts that were to wait for their ack and were given up: {@code reason} = {@code full} or {@code expired}. */
    static final String DROPPED = "richmond.events.pending.dropped";

    private static final Logger log = LoggerFactory.getLogger(PendingReceiptStore.class);

    private final JdbcTemplate jdbc;
    private final MessageCodec codec;
    private final MeterRegistry meters;
    private final int maxPerGateway;

    PendingReceiptStore(JdbcTemplate jdbc, MessageCodec codec, MeterRegistry meters, ApiProperties properties) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.meters = meters;
        this.maxPerGateway = properties.pendingReceipts().maxPerGateway();
    }

    /**
     * Keeps those of {@code receipts} that do not wait already, as many as the bound leaves room for, in the
     * caller's transaction. The gateway's count is read once for the whole batch, under a lock on the gateway held
     * until the transaction ends, so that batches applied at once, here or in another process, see each other's
     * rows. Nothing else is locked after it: call it last.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void keep(Gateway gateway, List<Waiting> receipts, Instant now) {
        if (receipts.isEmpty()) {
            return;
        }
        String transport = gateway.transportName();
        Map<String, Waiting> byEventId = new LinkedHashMap<>();
        receipts.forEach(receipt -> byEventId.putIfAbsent(receipt.event().eventId(), receipt));
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 0))", row -> null, "pending_receipt:" + transport);
        int held = jdbc.queryForObject("select count(*) from pending_receipt where transport_name = ?", Integer.class,
                transport);
        Set<String> waitingAlready = new HashSet<>(jdbc.queryForList("select event_id from pending_receipt"
                + " where transport_name = ? and event_id = any(?::text[])", String.class, transport,
                byEventId.keySet().toArray(String[]::new)));
        List<Waiting> fresh = byEventId.values().stream()
                .filter(receipt -> !waitingAlready.contains(receipt.event().eventId())).toList();
        List<Waiting> kept = fresh.subList(0, Math.min(fresh.size(), Math.max(0, maxPerGateway - held)));
        List<Waiting> dropped = fresh.subList(kept.size(), fresh.size());
        insert(transport, kept, now);

        int repeats = receipts.size() - fresh.size();
        if (repeats > 0) {
            log.info("{}: {} delivery report(s) wait for their ack already (repeated); not kept again", transport,
                    repeats);
        }
        for (Waiting receipt : kept) {
            log.info("{}: delivery report {} names {}, which no SMS has (yet); keeping it until an ack reports that"
                    + " provider id", transport, receipt.event().eventId(), receipt.providerId());
        }
        if (!dropped.isEmpty()) {
            log.warn("{}: {} delivery reports wait for their ack, the most"
                    + " richmond.api.pending-receipts.max-per-gateway allows; dropping {} more, the first {} for {}",
                    transport, held + kept.size(), dropped.size(), dropped.get(0).event().eventId(),
                    dropped.get(0).providerId());
        }
        // A batch that rolls back is applied again item by item: only what committed counts, and only once.
        AfterCommit.run(() -> {
            if (!kept.isEmpty()) {
                meters.counter("richmond.events.pending", "transport", transport).increment(kept.size());
            }
            if (!dropped.isEmpty()) {
                meters.counter(DROPPED, "transport", transport, "reason", "full").increment(dropped.size());
            }
        });
    }

    /**
     * Takes the receipts that wait for these provider ids off the table, oldest first, in the caller's transaction:
     * a receipt the sweeper deleted meanwhile is not among them, and one taken here is not the sweeper's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Waiting> take(Gateway gateway, Collection<String> providerIds) {
        return jdbc.query("with taken as (delete from pending_receipt where transport_name = ?"
                + " and provider_message_id = any(?::text[]) returning id, provider_message_id, event)"
                + " select provider_message_id, event from taken order by id",
                (row, n) -> new Waiting(row.getString(1),
                        codec.decode(row.getString(2).getBytes(StandardCharsets.UTF_8), Event.class)),
                gateway.transportName(), providerIds.toArray(String[]::new));
    }

    private void insert(String transport, List<Waiting> receipts, Instant now) {
        if (receipts.isEmpty()) {
            return;
        }
        jdbc.update("insert into pending_receipt (transport_name, provider_message_id, event_id, event, received_at)"
                + " select ?, r.provider_id, r.event_id, r.event, ? from unnest(?::text[], ?::text[], ?::text[])"
                + " r(provider_id, event_id, event)", transport, now.atOffset(ZoneOffset.UTC),
                receipts.stream().map(Waiting::providerId).toArray(String[]::new),
                receipts.stream().map(receipt -> receipt.event().eventId()).toArray(String[]::new),
                receipts.stream().map(receipt -> new String(codec.encode(receipt.event()), StandardCharsets.UTF_8))
                        .toArray(String[]::new));
    }
}
