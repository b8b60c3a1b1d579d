package io.richmond.api.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.account.NumberOwners;
import io.richmond.api.callback.CallbackFields;
import io.richmond.api.callback.CallbackJobRecord;
import io.richmond.api.callback.CallbackJobs;
import io.richmond.api.callback.CallbackName;
import io.richmond.api.keyword.Keyword;
import io.richmond.api.keyword.Keywords;
import io.richmond.api.sms.Gateway;
import io.richmond.api.web.ApiDates;
import io.richmond.sdk.message.UserMessage;

/**
 * Stores SMS from {@code <gw>.inbound} for the account whose keyword they start with, else the account that owns
 * the number they were sent to.
 */
@Service
public class InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private final ReceivedSmsRepository received;
    private final NumberOwners owners;
    private final CallbackJobs callbacks;
    private final Keywords keywords;
    private final MeterRegistry meters;

    InboundSms(ReceivedSmsRepository received, NumberOwners owners, CallbackJobs callbacks, Keywords keywords,
            MeterRegistry meters) {
        this.received = received;
        this.owners = owners;
        this.callbacks = callbacks;
        this.keywords = keywords;
        this.meters = meters;
    }

    /**
     * What {@link #receive} did: the SMS as stored, and the {@code sms_received} job it made (none when the message
     * was stored already).
     */
    public record Received(ReceivedSms sms, Optional<CallbackJobRecord> job) {
    }

    /**
     * Stores the SMS, and makes its {@code sms_received} job if the account has such callbacks. No lookup first:
     * a redelivered message breaks the unique message id, and {@link #stored} answers it then.
     *
     * @throws IllegalStateException when no account owns the number: the dispatcher keeps the message in
     *                               {@code <gw>.failures}
     * @throws org.springframework.dao.DataIntegrityViolationException when the message is stored already
     */
    @Transactional
    public Received receive(Gateway gateway, UserMessage message) {
        Optional<Keyword> keyword = keywords.match(message.toAddr(), message.content());
        long accountId = keyword.map(Keyword::getAccountId).or(() -> owners.owner(message.toAddr())).orElseThrow(() -> {
            meters.counter("richmond.inbound.unrouted", "transport", message.transportName()).increment();
            return new IllegalStateException("no account receives SMS to " + message.toAddr() + ": route it with"
                    + " 'accounts route " + message.toAddr() + " NAME' or set richmond.api.inbound-default-account");
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReceivedSms sms = received.save(new ReceivedSms(accountId, message.messageId(), message.toAddr(),
                message.fromAddr(), metadata(message, "charset").orElse("utf8"),
                message.content() == null ? "" : message.content(), gateway.transportName(),
                metadata(message, "provider_message_id").orElse(""), receivedAt(message), now,
                keyword.map(Keyword::getKeyword).orElse(null)));
        return new Received(sms, callbacks.enqueue(accountId, CallbackName.SMS_RECEIVED, CallbackFields.of(sms)));
    }

    /**
     * A redelivered message, as stored the first time, with no new job: it is not stored again, but still reaches
     * its keyword's workers.
     */
    @Transactional(readOnly = true)
    public Received stored(UserMessage message) {
        ReceivedSms sms = received.findByMessageId(message.messageId()).orElseThrow(() -> new IllegalStateException(
                "inbound SMS " + message.messageId() + " broke a unique constraint but is not stored"));
        log.info("{}: inbound SMS {} is stored already (redelivered); not storing it again",
                message.transportName(), message.messageId());
        return new Received(sms, Optional.empty());
    }

    private static Instant receivedAt(UserMessage message) {
        return metadata(message, "received_at").flatMap(value -> {
            try {
                return Optional.of(ApiDates.parse(value));
            } catch (IllegalArgumentException e) {
                log.warn("{}: inbound SMS {} has received_at '{}', not YYYY-MM-DD HH:MM:SS; using its timestamp",
                        message.transportName(), message.messageId(), value);
                return Optional.empty();
            }
        }).orElse(message.timestamp());
    }

    private static Optional<String> metadata(UserMessage message, String key) {
        Object value = message.transportMetadata().get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }
}
