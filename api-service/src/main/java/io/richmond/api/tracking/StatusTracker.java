package io.richmond.api.tracking;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.AfterCommit;
import io.richmond.api.callback.CallbackFields;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.callback.CallbackJobs;
import io.richmond.api.callback.CallbackName;
import io.richmond.api.sms.Gateway;
import io.richmond.api.sms.SentSms;
import io.richmond.api.sms.SentSmsRepository;
import io.richmond.api.sms.SmsStatus;
import io.richmond.api.web.ApiDates;
import io.richmond.sdk.message.Event;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves sent SMS along their statuses as the transports' events arrive (messaging.md, "SMS on the bus").
 *
 * <p>Events about one SMS may come in any order and on several consumers at once: the SMS row is locked while an
 * event is applied, a status moves only as {@link SmsStatus#mayBecome} allows, every receipt is kept once (a repeat,
 * by event id or by provider status and time, is skipped), and a receipt naming a provider id that no ack has
 * reported yet waits for that ack ({@link PendingReceiptStore}).
 *
 * <p>Events are applied in batches, one transaction each: every SMS sent makes an ack, and a transaction per ack
 * was most of the service's work under load (docs/performance.md).
 */
@Service
public class StatusTracker {

    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);

    private final SentSmsRepository sentSms;
    private final PendingReceiptStore pending;
    private final CallbackJobs callbacks;
    private final TrackingStatements statements;
    private final JsonMapper mapper;
    private final MeterRegistry meters;

    StatusTracker(SentSmsRepository sentSms, PendingReceiptStore pending, CallbackJobs callbacks,
            TrackingStatements statements, JsonMapper mapper, MeterRegistry meters) {
        this.sentSms = sentSms;
        this.pending = pending;
        this.callbacks = callbacks;
        this.statements = statements;
        this.mapper = mapper;
        this.meters = meters;
    }

    /**
     * Applies a batch of one gateway's events in one transaction; the acks among them, the common case, take a few
     * statements for the whole batch.
     *
     * @return for each event, in order, the callback jobs it made: in the outbox, to publish after the commit
     */
    @Transactional
    public List<List<CallbackJobRecord>> applyAll(Gateway gateway, List<Event> events) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<List<CallbackJobRecord>> outcomes = new ArrayList<>(events.size());
        events.forEach(event -> outcomes.add(new ArrayList<>()));
        statements.lockProviderIds(gateway.transportName(),
                events.stream().map(StatusTracker::providerId).flatMap(Optional::stream).toList());
        statements.lockMessages(events.stream().map(Event::userMessageId).toList());
        // Acks go first, through JDBC, before Hibernate loads an SMS it would then hold stale. Going ahead of the
        // events before them changes no row: an ack sets the provider id and moves only a queued status.
        acks(gateway, events, now, outcomes);
        List<PendingReceiptStore.Waiting> waiting = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.eventType() == Event.EventType.NACK) {
                nack(gateway, event, now);
            } else if (event.eventType() == Event.EventType.DELIVERY_REPORT) {
                deliveryReport(gateway, event, now, waiting).ifPresent(outcomes.get(i)::add);
            }
        }
        // Last: it locks the gateway's pending receipts, and must not wait for any other lock while it holds that.
        pending.keep(gateway, waiting, now);
        return outcomes;
    }

    private void acks(Gateway gateway, List<Event> events, Instant now, List<List<CallbackJobRecord>> outcomes) {
        // A message id acked twice keeps the last provider id, as one transaction per ack would leave it.
        Map<String, String> providerIds = new LinkedHashMap<>();
        events.stream().filter(event -> event.eventType() == Event.EventType.ACK)
                .forEach(ack -> providerIds.put(ack.userMessageId(), ack.sentMessageId()));
        if (providerIds.isEmpty()) {
            return;
        }
        Set<String> acknowledged = statements.acknowledge(providerIds, now);
        // The first ack reporting a provider id takes the receipts that waited for it; a repeated ack finds none.
        Map<String, Integer> firstAck = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.eventType() != Event.EventType.ACK) {
                continue;
            }
            if (acknowledged.contains(event.userMessageId())) {
                firstAck.putIfAbsent(event.sentMessageId(), i);
            } else {
                unknown(gateway, event);
            }
        }
        if (firstAck.isEmpty()) {
            return;
        }
        for (PendingReceiptStore.Waiting waiting : pending.take(gateway, firstAck.keySet())) {
            int index = firstAck.get(waiting.providerId());
            SentSms sms = sentSms.findByMessageId(events.get(index).userMessageId()).orElseThrow();
            log.info("{}: applying receipt {} that waited for the ack of SMS {} (provider id {})",
                    gateway.transportName(), waiting.event().eventId(), sms.getId(), waiting.providerId());
            receipt(sms, waiting.event(), now).ifPresent(outcomes.get(index)::add);
        }
    }

    private void nack(Gateway gateway, Event event, Instant now) {
        Optional<SentSms> found = sentSms.findByMessageId(event.userMessageId());
        if (found.isEmpty()) {
            unknown(gateway, event);
            return;
        }
        SentSms sms = found.get();
        log.info("{}: SMS {} was refused: {}", gateway.transportName(), sms.getId(), event.nackReason());
        sms.refused(event.nackReason(), now);
    }

    /**
     * Applies a receipt to its SMS; one whose SMS is not known yet goes to {@code waiting}, to wait for its ack.
     *
     * @return the {@code sms_receipt} job, if the receipt changed the SMS
     */
    private Optional<CallbackJobRecord> deliveryReport(Gateway gateway, Event event, Instant now,
            List<PendingReceiptStore.Waiting> waiting) {
        Optional<SentSms> byOurId = sentSms.findByMessageId(event.userMessageId());
        if (byOurId.isPresent()) {
            return receipt(byOurId.get(), event, now);
        }
        // Its provider id is locked (applyAll): an ack reporting it right now waits, or has committed and is seen.
        String providerId = providerId(event).orElseThrow();
        Optional<SentSms> byProviderId = sentSms.findFirstByTransportNameAndTransportMsgId(gateway.transportName(),
                providerId);
        if (byProviderId.isPresent()) {
            return receipt(byProviderId.get(), event, now);
        }
        waiting.add(new PendingReceiptStore.Waiting(providerId, event));
        return Optional.empty();
    }

    /**
     * Keeps the receipt in the SMS's history unless it repeats one kept there, and applies it; the
     * {@code sms_receipt} job if it changed the SMS. The SMS's row is locked: no other receipt of it is kept meanwhile.
     */
    private Optional<CallbackJobRecord> receipt(SentSms sms, Event event, Instant now) {
        SmsStatus status = normalized(event);
        String providerStatus = metadata(event, "provider_status").orElse(null);
        String providerText = metadata(event, "provider_status_text").orElse(null);
        Instant providerTime = metadata(event, "provider_timestamp").flatMap(StatusTracker::date).orElse(null);
        boolean kept = statements.keepReceipt(new TrackingStatements.Receipt(sms.getId(), event.eventId(),
                event.deliveryStatus().name().toLowerCase(Locale.ROOT), status, providerStatus, providerText,
                providerTime, now, mapper.writeValueAsString(event.transportMetadata())));
        if (!kept) {
            log.info("{}: delivery report {} for SMS {} repeats one it has (the same event, or the same provider"
                    + " status and time); skipping it", sms.getTransportName(), event.eventId(), sms.getId());
            return Optional.empty();
        }
        if (!sms.receipt(status, providerStatus, providerText, providerTime == null ? now : providerTime, now)) {
            log.info("{}: SMS {} is {}, a receipt saying {} does not change that (kept in its history)",
                    sms.getTransportName(), sms.getId(), sms.getStatus().value(), status.value());
            return Optional.empty();
        }
        return callbacks.enqueue(sms.getAccountId(), CallbackName.SMS_RECEIPT, CallbackFields.of(sms));
    }

    /** The transport's normalized status; from {@code delivery_status} when it sent none Richmond knows. */
    private static SmsStatus normalized(Event event) {
        Optional<String> given = metadata(event, "status");
        if (given.isPresent()) {
            try {
                return SmsStatus.of(given.get());
            } catch (IllegalArgumentException e) {
                log.warn("{}: delivery report {} has status '{}', none of Richmond's; using its delivery_status {}",
                        event.transportName(), event.eventId(), given.get(), event.deliveryStatus());
            }
        }
        return switch (event.deliveryStatus()) {
            case PENDING -> SmsStatus.SUBMITTED;
            case DELIVERED -> SmsStatus.DELIVERED;
            case FAILED -> SmsStatus.FAILED;
        };
    }

    private void unknown(Gateway gateway, Event event) {
        Counter unknownCount = meters.counter("richmond.events.unknown", "transport", gateway.transportName(),
                "type", event.eventType().name().toLowerCase(Locale.ROOT));
        AfterCommit.run(unknownCount::increment);
        log.warn("{}: {} {} is about message {}, which no SMS has; dropping it", gateway.transportName(),
                event.eventType().name().toLowerCase(Locale.ROOT), event.eventId(), event.userMessageId());
    }

    /** The provider id an event reports or looks for: none for a nack. */
    private static Optional<String> providerId(Event event) {
        return switch (event.eventType()) {
            case ACK -> Optional.of(event.sentMessageId());
            case NACK -> Optional.empty();
            case DELIVERY_REPORT -> Optional.of(metadata(event, "provider_message_id").orElse(event.userMessageId()));
        };
    }

    private static Optional<String> metadata(Event event, String key) {
        Map<String, Object> metadata = event.transportMetadata();
        Object value = metadata.get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    private static Optional<Instant> date(String value) {
        try {
            return Optional.of(ApiDates.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
