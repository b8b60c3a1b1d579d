package io.richmond.api.tracking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiProperties;
import io.richmond.api.PeriodicTask;
import io.richmond.api.account.AccountsCommand;
import io.richmond.api.sms.Gateway;

/**
 * Deletes the receipts that waited for their ack longer than {@code richmond.api.pending-receipts.ttl} (an ack that
 * never comes: a forged receipt, a send whose provider id sms-transport never reported), and counts those that
 * wait, for the gauge {@code richmond.events.pending.held}: one query each per sweep, none per event. The sweepers
 * of several API processes delete disjoint rows, so each expired receipt is counted once.
 */
@Component
@Profile("!" + AccountsCommand.PROFILE)
class PendingReceiptSweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PendingReceiptSweeper.class);

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final ApiProperties.PendingReceipts settings;
    private final Map<Gateway, AtomicLong> held = new EnumMap<>(Gateway.class);

    PendingReceiptSweeper(JdbcTemplate jdbc, MeterRegistry meters, ApiProperties properties) {
        super("pending-receipt-sweeper", Duration.ZERO, properties.pendingReceipts().sweepInterval());
        this.jdbc = jdbc;
        this.meters = meters;
        this.settings = properties.pendingReceipts();
        for (Gateway gateway : Gateway.values()) {
            AtomicLong count = new AtomicLong();
            held.put(gateway, count);
            Gauge.builder("richmond.events.pending.held", count, AtomicLong::get)
                    .description("Delivery reports waiting for their SMS's ack, as of the last sweep")
                    .tag("transport", gateway.transportName()).register(meters);
        }
    }

    @Override
    protected void runOnce() {
        expire(Instant.now().minus(settings.ttl()));
        measure();
    }

    private void expire(Instant before) {
        Map<String, Long> expired = new HashMap<>();
        jdbc.query("with gone as (delete from pending_receipt where received_at < ? returning transport_name)"
                + " select transport_name, count(*) from gone group by transport_name",
                row -> {
                    expired.put(row.getString(1), row.getLong(2));
                }, before.atOffset(ZoneOffset.UTC));
        expired.forEach((transport, count) -> {
            meters.counter(PendingReceiptStore.DROPPED, "transport", transport, "reason", "expired").increment(count);
            log.warn("{}: {} delivery report(s) waited more than {} for the ack of their provider id; deleted",
                    transport, count, settings.ttl());
        });
    }

    private void measure() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select transport_name, count(*) from pending_receipt group by transport_name", row -> {
            counts.put(row.getString(1), row.getLong(2));
        });
        held.forEach((gateway, count) -> count.set(counts.getOrDefault(gateway.transportName(), 0L)));
    }
}
