package io.richmond.api.inbound;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.richmond.api.AfterCommit;
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
 * Stores SMS from {@code <gw>.inbound}, many in one transaction, for the account whose keyword they start with,
 * else the account that owns the number they were sent to.
 */
@Service
public class InboundSms {

    private static final Logger log = LoggerFactory.getLogger(InboundSms.class);

    private static final String INSERT = "insert into received_sms (account_id, message_id, to_msisdn, from_msisdn,"
            + " charset, message, transport_name, transport_msg_id, received_at, created_at, updated_at, keyword)"
            + " values %s on conflict (message_id) do nothing returning id, message_id";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ReceivedSmsRepository received;
    private final NumberOwners owners;
    private final CallbackJobs callbacks;
    private final Keywords keywords;
    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    InboundSms(ReceivedSmsRepository received, NumberOwners owners, CallbackJobs callbacks, Keywords keywords,
            JdbcTemplate jdbc, MeterRegistry meters) {
        this.received = received;
        this.owners = owners;
        this.callbacks = callbacks;
        this.keywords = keywords;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** What {@link #receive} did with one message. */
    public sealed interface Outcome permits Received, Unrouted {
    }

    /**
     * The SMS as stored, and the {@code sms_received} job it made: none when the message was stored already
     * (repeated, redelivered, or twice in one batch), as it is not stored again.
     *
     * @param handOver whether to hand it to its keyword's workers: it matched a keyword, and either was stored now
     *                 or was stored before without the broker confirming its hand-over (the process died first); a
     *                 message's copies later in the same batch are not handed over again
     */
    public record Received(ReceivedSms sms, Optional<CallbackJobRecord> job, boolean handOver) implements Outcome {
    }

    /** No account receives SMS to its number: the dispatcher keeps it in {@code <gw>.failures}. */
    public record Unrouted(IllegalStateException reason) implements Outcome {
    }

    /**
     * Stores the SMS in one transaction with one insert, and makes the {@code sms_received} jobs of the accounts
     * that have such callbacks. No lookup first: a message whose id is stored already is left as it is, and answered
     * as stored then.
     *
     * @return one outcome per message, in order
     */
    @Transactional
    public List<Outcome> receive(Gateway gateway, List<UserMessage> messages) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Optional<ReceivedSms>> rows = messages.stream().map(message -> row(gateway, message, now)).toList();
        Map<String, Long> inserted = insert(rows.stream().flatMap(Optional::stream).toList());
        List<ReceivedSms> fresh = new ArrayList<>();
        List<String> storedBefore = new ArrayList<>();
        for (Optional<ReceivedSms> row : rows) {
            row.ifPresent(sms -> {
                // Of a batch's copies of a message the first is the one inserted; the others find it stored.
                Long id = inserted.remove(sms.getMessageId());
                if (id == null) {
                    storedBefore.add(sms.getMessageId());
                } else {
                    sms.assignId(id);
                    fresh.add(sms);
                }
            });
        }
        Map<ReceivedSms, Optional<CallbackJobRecord>> jobs = enqueue(fresh);
        Map<String, ReceivedSms> stored = stored(storedBefore);
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            UserMessage message = messages.get(i);
            Optional<ReceivedSms> row = rows.get(i);
            boolean first = seen.add(message.messageId());
            if (row.isEmpty()) {
                outcomes.add(unrouted(message));
            } else if (jobs.containsKey(row.get())) {
                outcomes.add(new Received(row.get(), jobs.get(row.get()), row.get().getKeyword() != null));
            } else {
                outcomes.add(redelivered(message, stored.get(message.messageId()), first));
            }
        }
        return outcomes;
    }

    /** The row of the account whose keyword it starts with, else of the number's owner; none when neither. */
    private Optional<ReceivedSms> row(Gateway gateway, UserMessage message, Instant now) {
        Optional<Keyword> keyword = keywords.match(message.toAddr(), message.content());
        return keyword.map(Keyword::getAccountId).or(() -> owners.owner(message.toAddr()))
                .map(accountId -> new ReceivedSms(accountId, message.messageId(), message.toAddr(),
                        message.fromAddr(), metadata(message, "charset").orElse("utf8"),
                        message.content() == null ? "" : message.content(), gateway.transportName(),
                        metadata(message, "provider_message_id").orElse(""), receivedAt(message), now,
                        keyword.map(Keyword::getKeyword).orElse(null)));
    }

    /** Inserts the rows whose message id is not stored yet, and answers their ids by message id. */
    private Map<String, Long> insert(List<ReceivedSms> rows) {
        Map<String, Long> inserted = new HashMap<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        jdbc.query(INSERT.formatted(String.join(", ", Collections.nCopies(rows.size(), ROW))),
                statement -> bind(statement, rows),
                row -> {
                    inserted.put(row.getString("message_id"), row.getLong("id"));
                });
        return inserted;
    }

    private static void bind(PreparedStatement statement, List<ReceivedSms> rows) throws SQLException {
        int column = 0;
        for (ReceivedSms sms : rows) {
            statement.setLong(++column, sms.getAccountId());
            statement.setString(++column, sms.getMessageId());
            statement.setString(++column, sms.getToMsisdn());
            statement.setString(++column, sms.getFromMsisdn());
            statement.setString(++column, sms.getCharset());
            statement.setString(++column, sms.getMessage());
            statement.setString(++column, sms.getTransportName());
            statement.setString(++column, sms.getTransportMsgId());
            statement.setTimestamp(++column, Timestamp.from(sms.getReceivedAt()));
            statement.setTimestamp(++column, Timestamp.from(sms.getCreatedAt()));
            statement.setTimestamp(++column, Timestamp.from(sms.getUpdatedAt()));
            statement.setString(++column, sms.getKeyword());
        }
    }

    /** The {@code sms_received} job of each SMS inserted now, if its account has such callbacks. */
    private Map<ReceivedSms, Optional<CallbackJobRecord>> enqueue(List<ReceivedSms> fresh) {
        List<Optional<CallbackJobRecord>> made = callbacks.enqueueAll(fresh.stream()
                .map(sms -> new CallbackJobs.Callback(sms.getAccountId(), CallbackName.SMS_RECEIVED,
                        CallbackFields.of(sms)))
                .toList());
        Map<ReceivedSms, Optional<CallbackJobRecord>> jobs = new IdentityHashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            jobs.put(fresh.get(i), made.get(i));
        }
        return jobs;
    }

    /** The SMS stored before this batch (or earlier in it), by message id, in one query. */
    private Map<String, ReceivedSms> stored(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return received.findByMessageIdIn(messageIds.stream().distinct().toList()).stream()
                .collect(Collectors.toMap(ReceivedSms::getMessageId, Function.identity()));
    }

    /**
     * A message stored already: it gets no new job, and reaches its keyword's workers again only if no hand-over
     * of it was confirmed yet.
     */
    private static Received redelivered(UserMessage message, ReceivedSms sms, boolean firstInBatch) {
        if (sms == null) {
            throw new IllegalStateException("inbound SMS " + message.messageId()
                    + " broke a unique constraint but is not stored");
        }
        boolean handOver = firstInBatch && sms.getKeyword() != null && sms.getHandedOverAt() == null;
        log.info("{}: inbound SMS {} is stored already (repeated or redelivered); not storing it again{}",
                message.transportName(), message.messageId(),
                handOver ? ", handing it to its keyword's workers again: no hand-over of it was confirmed" : "");
        return new Received(sms, Optional.empty(), handOver);
    }

    private Unrouted unrouted(UserMessage message) {
        // Counted once the batch commits: a batch that rolls back is received again message by message.
        Counter unroutedCount = meters.counter("richmond.inbound.unrouted", "transport", message.transportName());
        AfterCommit.run(unroutedCount::increment);
        return new Unrouted(new IllegalStateException("no account receives SMS to " + message.toAddr()
                + ": route it with 'accounts route " + message.toAddr() + " NAME' or set"
                + " richmond.api.inbound-default-account"));
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
