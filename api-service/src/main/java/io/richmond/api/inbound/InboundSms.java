package io.richmond.api.inbound;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.ApiProperties;
import io.richmond.api.account.Account;
import io.richmond.api.account.AccountRepository;
import io.richmond.api.account.NumberRoute;
import io.richmond.api.account.NumberRouteRepository;
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
    private final NumberRouteRepository routes;
    private final AccountRepository accounts;
    private final CallbackJobs callbacks;
    private final Keywords keywords;
    private final String defaultAccount;
    private final MeterRegistry meters;

    InboundSms(ReceivedSmsRepository received, NumberRouteRepository routes, AccountRepository accounts,
            CallbackJobs callbacks, Keywords keywords, ApiProperties properties, MeterRegistry meters) {
        this.received = received;
        this.routes = routes;
        this.accounts = accounts;
        this.callbacks = callbacks;
        this.keywords = keywords;
        this.defaultAccount = properties.inboundDefaultAccount();
        this.meters = meters;
    }

    /**
     * What {@link #receive} did: the SMS as stored, and the {@code sms_received} job it made (none when the message
     * was stored already).
     */
    public record Received(ReceivedSms sms, Optional<CallbackJobRecord> job) {
    }

    /**
     * Stores the SMS, and makes its {@code sms_received} job if the account has such callbacks. A redelivered
     * message is not stored again, but answered as stored, so that it still reaches its keyword's workers.
     *
     * @throws IllegalStateException when no account owns the number: the dispatcher keeps the message in
     *                               {@code <gw>.failures}
     */
    @Transactional
    public Received receive(Gateway gateway, UserMessage message) {
        Optional<ReceivedSms> stored = received.findByMessageId(message.messageId());
        if (stored.isPresent()) {
            log.info("{}: inbound SMS {} is stored already (redelivered); not storing it again",
                    message.transportName(), message.messageId());
            return new Received(stored.get(), Optional.empty());
        }
        Optional<Keyword> keyword = keywords.match(message.toAddr(), message.content());
        long accountId = keyword.map(Keyword::getAccountId).or(() -> owner(message.toAddr())).orElseThrow(() -> {
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

    private Optional<Long> owner(String number) {
        String other = number.startsWith("+") ? number.substring(1) : "+" + number;
        Optional<Long> routed = routes.findById(number).or(() -> routes.findById(other))
                .map(NumberRoute::getAccountId);
        if (routed.isPresent() || defaultAccount.isBlank()) {
            return routed;
        }
        return accounts.findByUsername(defaultAccount).map(Account::getId);
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
