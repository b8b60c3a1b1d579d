package io.richmond.sdk.sms;

import java.util.Objects;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.WorkerSettings;

/**
 * Replies to inbound SMS through api-service: the reply goes to {@code sms.replies}, and the API sends it as an SMS
 * of the account the SMS came in for (tracked, with receipts and callbacks), not straight to the transport.
 */
public final class SmsReplies {

    /** Where api-service takes replies from. */
    public static final String ROUTING_KEY = "sms.replies";

    /** The worker setting ({@code worker.sms-replies=...}) for an API run with a bus prefix. */
    public static final String SETTING = "sms-replies";

    private final String routingKey;

    public SmsReplies() {
        this(ROUTING_KEY);
    }

    public SmsReplies(String routingKey) {
        this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
    }

    /** {@code worker.sms-replies} when set, else {@value #ROUTING_KEY}. */
    public static SmsReplies from(WorkerSettings settings) {
        return new SmsReplies(settings.get(SETTING, ROUTING_KEY));
    }

    /**
     * Sends {@code text} to the sender of {@code sms}; call it while handling {@code sms}, so that {@code sms} is
     * acknowledged only once the reply is on the broker.
     *
     * @param sms a message from {@code keyword.<keyword>}: its {@code helper_metadata} (copied into the reply) tells
     *            the API whose SMS it is
     * @return the reply as published
     */
    public UserMessage reply(Outbox outbox, UserMessage sms, String text) {
        UserMessage reply = sms.reply(text, null);
        outbox.publish(routingKey, reply);
        return reply;
    }

    public String routingKey() {
        return routingKey;
    }
}
