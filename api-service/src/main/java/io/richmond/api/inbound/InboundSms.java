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
import io.richmond.api.sms.Gateway;
import io.richmond.api.web.ApiDates;
import io.richmond.sdk.message.UserMessage;

/** Stores SMS from {@code <gw>.inbound} for the account that owns the number they were sent to. */
@Service
public class InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private final ReceivedSmsRepository received;
    private final NumberRouteRepository routes;
    private final AccountRepository accounts;
    private final CallbackJobs callbacks;
    private final String defaultAccount;
    private final MeterRegistry meters;

    InboundSms(ReceivedSmsRepository received, NumberRouteRepository routes, AccountRepository accounts,
            CallbackJobs callbacks, ApiProperties properties, MeterRegistry meters) {
        this.received = received;
        this.routes = routes;
        this.accounts = accounts;
        this.callbacks = callbacks;
        this.defaultAccount = properties.inboundDefaultAccount();
        this.meters = meters;
    }

    /**
     * The SMS stored, and its {@code sms_received} job if the account has such callbacks.
     *
     * @throws IllegalStateException when no account owns the number: the dispatcher keeps the message in
     *                               {@code <gw>.failures}
     */
    @Transactional
    public Optional<CallbackJobRecord> receive(Gateway gateway, UserMessage message) {
        if (received.existsByMessageId(message.messageId())) {
            log.info("{}: inbound SMS {} is stored already (redelivered); skipping it", message.transportName(),
                    message.messageId());
            return Optional.empty();
        }
        long accountId = owner(message.toAddr()).orElseThrow(() -> {
            meters.counter("richmond.inbound.unrouted", "transport", message.transportName()).increment();
            return new IllegalStateException("no account receives SMS to " + message.toAddr() + ": route it with"
                    + " 'accounts route " + message.toAddr() + " NAME' or set richmond.api.inbound-default-account");
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ReceivedSms sms = received.save(new ReceivedSms(accountId, message.messageId(), message.toAddr(),
                message.fromAddr(), metadata(message, "charset").orElse("utf8"),
                message.content() == null ? "" : message.content(), gateway.transportName(),
                metadata(message, "provider_message_id").orElse(""), receivedAt(message), now));
        return callbacks.enqueue(accountId, CallbackName.SMS_RECEIVED, CallbackFields.of(sms));
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
