package io.richmond.api.tracking;

import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import io.richmond.sdk.message.MessageCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves sent SMS along their statuses as the transports' events arrive (messaging.md, "SMS on the bus").
 *
 * <p>Events about one SMS may come in any order and on several consumers at once: the SMS row is locked while an
 * event is applied, a status never moves backwards ({@link SmsStatus#mayBecome}), every receipt is kept, and a
 * receipt naming a provider id that no ack has reported yet waits in {@code pending_receipt} for that ack.
 *
 * <p>Events are applied in batches, one transaction each: every SMS sent makes an ack, and a transaction per ack
 * was most of the service's work under load (docs/performance.md).
 */
@Service
public class StatusTracker {

    private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);

    private final SentSmsRepository sentSms;
    private final ReceiptRecordRepository receipts;
    private final PendingReceiptRepository pending;
    private final CallbackJobs callbacks;
    private final TrackingStatements statements;
    private final MessageCodec codec;
    private final JsonMapper mapper;
    private final MeterRegistry meters;

    StatusTracker(SentSmsRepository sentSms, ReceiptRecordRepository receipts, PendingReceiptRepository pending,
            CallbackJobs callbacks, TrackingStatements statements, MessageCodec codec, JsonMapper mapper,
            MeterRegistry meters) {
        this.sentSms = sentSms;
        this.receipts = receipts;
        this.pending = pending;
        this.callbacks = callbacks;
        this.statements = statements;
        this.codec = codec;
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
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event.eventType() == Event.EventType.NACK) {
                nack(gateway, event, now);
            } else if (event.eventType() == Event.EventType.DELIVERY_REPORT) {
                outcomes.get(i).addAll(deliveryReport(gateway, event, now));
            }
        }
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
        for (PendingReceipt waiting : pending.findByTransportNameAndProviderMessageIdInOrderByIdAsc(
                gateway.transportName(), firstAck.keySet())) {
            int index = firstAck.get(waiting.getProviderMessageId());
            SentSms sms = sentSms.findByMessageId(events.get(index).userMessageId()).orElseThrow();
            Event receipt = codec.decode(waiting.getEvent().getBytes(StandardCharsets.UTF_8), Event.class);
            log.info("{}: applying receipt {} that waited for the ack of SMS {} (provider id {})",
                    gateway.transportName(), receipt.eventId(), sms.getId(), waiting.getProviderMessageId());
            receipt(sms, receipt, now).ifPresent(outcomes.get(index)::add);
            pending.delete(waiting);
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

    private List<CallbackJobRecord> deliveryReport(Gateway gateway, Event event, Instant now) {
        Optional<SentSms> byOurId = sentSms.findByMessageId(event.userMessageId());
        if (byOurId.isPresent()) {
            return receipt(byOurId.get(), event, now).stream().toList();
        }
        // Its provider id is locked (applyAll): an ack reporting it right now waits, or has committed and is seen.
        String providerId = providerId(event).orElseThrow();
        Optional<SentSms> byProviderId = sentSms.findFirstByTransportNameAndTransportMsgId(gateway.transportName(),
                providerId);
        if (byProviderId.isPresent()) {
            return receipt(byProviderId.get(), event, now).stream().toList();
        }
        // A batch that rolls back is applied again item by item: only what committed counts, and only once.
        Counter pendingCount = meters.counter("richmond.events.pending", "transport", gateway.transportName());
        AfterCommit.run(pendingCount::increment);
        log.info("{}: delivery report {} names {}, which no SMS has (yet); keeping it until an ack reports that"
                + " provider id", gateway.transportName(), event.eventId(), providerId);
        pending.save(new PendingReceipt(gateway.transportName(), providerId,
                new String(codec.encode(event), StandardCharsets.UTF_8), now));
        return List.of();
    }

    /** Records the receipt and applies it if it moves the SMS forward; the {@code sms_receipt} job if it did. */
    private Optional<CallbackJobRecord> receipt(SentSms sms, Event event, Instant now) {
        if (receipts.existsByEventId(event.eventId())) {
            log.info("{}: delivery report {} for SMS {} was applied already (redelivered); skipping it",
                    sms.getTransportName(), event.eventId(), sms.getId());
            return Optional.empty();
        }
        SmsStatus status = normalized(event);
        String providerStatus = metadata(event, "provider_status").orElse(null);
        String providerText = metadata(event, "provider_status_text").orElse(null);
        Instant providerTime = metadata(event, "provider_timestamp").flatMap(StatusTracker::date).orElse(null);
        receipts.save(new ReceiptRecord(sms.getId(), event.eventId(), event.deliveryStatus().name()
                .toLowerCase(Locale.ROOT), status.value(), providerStatus, providerText, providerTime, now,
                mapper.writeValueAsString(event.transportMetadata())));
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
