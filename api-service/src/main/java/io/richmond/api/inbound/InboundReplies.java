package io.richmond.api.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.richmond.api.ApiProperties;
import io.richmond.api.sms.Gateway;
import io.richmond.api.sms.SentSms;
import io.richmond.api.sms.SmsDraft;
import io.richmond.api.sms.SmsService;
import io.richmond.sdk.message.SmsEncoding;
import io.richmond.sdk.message.UserMessage;

/**
 * Workers' replies to inbound SMS (from {@code sms.replies}): each becomes an SMS the account sent, through the
 * gateway the SMS it answers came from, tracked like any SMS sent with the API.
 */
@Service
public class InboundReplies {

    private final ReceivedSmsRepository received;
    private final SmsService sms;
    private final int maxSegments;

    InboundReplies(ReceivedSmsRepository received, SmsService sms, ApiProperties properties) {
        this.received = received;
        this.sms = sms;
        this.maxSegments = properties.maxSegments();
    }

    /**
     * The SMS to publish: one, or none when this reply was sent already (a redelivery).
     *
     * @throws IllegalArgumentException when the reply does not answer an SMS its account received, or cannot be
     *                                  sent: the dispatcher puts it on {@code sms.replies.failures}
     */
    @Transactional
    public List<SentSms> accept(UserMessage reply) {
        if (reply.inReplyTo() == null) {
            throw new IllegalArgumentException("the reply has no in_reply_to: build it with message.reply(...)");
        }
        long accountId = accountId(reply);
        // The account a worker names is trusted only for SMS it received: a worker cannot send on another's bill.
        ReceivedSms original = received.findByMessageIdAndAccountId(reply.inReplyTo(), accountId)
                .orElseThrow(() -> new IllegalArgumentException("in_reply_to " + reply.inReplyTo()
                        + " is not an SMS received by account " + accountId));
        String text = reply.content() == null ? "" : reply.content();
        if (text.isBlank()) {
            throw new IllegalArgumentException("the reply has no content");
        }
        SmsEncoding encoding = SmsEncoding.of(text);
        if (encoding.segments() > maxSegments) {
            throw new IllegalArgumentException("the reply takes " + encoding.segments() + " SMS segments, more than "
                    + maxSegments);
        }
        // To the sender, from the number it wrote to, whatever addresses the worker put on the reply.
        SmsDraft draft = new SmsDraft(original.getFromMsisdn(), original.getToMsisdn(), text, encoding);
        Gateway gateway = Gateway.valueOf(original.getTransportName().toUpperCase(Locale.ROOT));
        // The reply's id as an idempotency key: a redelivered reply is sent once.
        return sms.send(accountId, gateway, List.of(draft), "sms.replies:" + reply.messageId()).created();
    }

    private static long accountId(UserMessage reply) {
        if (reply.helperMetadata().get("richmond") instanceof Map<?, ?> richmond
                && richmond.get("account_id") instanceof Number id) {
            return id.longValue();
        }
        throw new IllegalArgumentException("the reply has no helper_metadata.richmond.account_id: reply to a message"
                + " from keyword.<keyword> with message.reply(...), which copies it");
    }
}
