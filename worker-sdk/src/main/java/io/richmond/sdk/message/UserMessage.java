package io.richmond.sdk.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message to or from a user ({@code message_type} {@code user_message}, protocols.md §5.3).
 *
 * <p>{@code toAddrType} and {@code fromAddrType} are Vumi's address types ({@code msisdn}, {@code irc_nickname}, ...)
 * and {@code transportType} its transport types ({@code sms}, {@code ussd}, ...); they stay strings because Vumi
 * components may send values this code has never heard of.
 */
public record UserMessage(String messageId, String toAddr, String fromAddr, String inReplyTo,
        SessionEvent sessionEvent, String content, String transportName, String transportType,
        Map<String, Object> transportMetadata, String group, String provider,
        String toAddrType, String fromAddrType,
        Instant timestamp, Map<String, Object> routingMetadata, Map<String, Object> helperMetadata,
        Map<String, Object> extra) implements Message {

    /** Vumi's name for the endpoint a message without one travels through. */
    private static final String DEFAULT_ENDPOINT = "default";

    public UserMessage {
        Fields.required(messageId, "message_id");
        Fields.required(toAddr, "to_addr");
        Fields.required(fromAddr, "from_addr");
        Fields.required(transportName, "transport_name");
        Fields.required(transportType, "transport_type");
        transportMetadata = Fields.map(transportMetadata);
        timestamp = Fields.timestamp(timestamp);
        routingMetadata = Fields.map(routingMetadata);
        helperMetadata = Fields.map(helperMetadata);
        extra = Fields.map(extra);
    }

    /** A message without extra fields. */
    public UserMessage(String messageId, String toAddr, String fromAddr, String inReplyTo,
            SessionEvent sessionEvent, String content, String transportName, String transportType,
            Map<String, Object> transportMetadata, String group, String provider,
            String toAddrType, String fromAddrType,
            Instant timestamp, Map<String, Object> routingMetadata, Map<String, Object> helperMetadata) {
        this(messageId, toAddr, fromAddr, inReplyTo, sessionEvent, content, transportName, transportType,
                transportMetadata, group, provider, toAddrType, fromAddrType, timestamp, routingMetadata,
                helperMetadata, Map.of());
    }

    /** A builder with a new message id, the current time and empty metadata. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .messageId(messageId).toAddr(toAddr).fromAddr(fromAddr).inReplyTo(inReplyTo)
                .sessionEvent(sessionEvent).content(content)
                .transportName(transportName).transportType(transportType).transportMetadata(transportMetadata)
                .group(group).provider(provider).toAddrType(toAddrType).fromAddrType(fromAddrType)
                .timestamp(timestamp).routingMetadata(routingMetadata).helperMetadata(helperMetadata)
                .extra(extra);
    }

    /**
     * Vumi's reply: a new message to this one's sender, sent from the address this one went to, through the same
     * transport and endpoint ({@code endpoint_name} becomes {@code default} when this message has none, as in
     * Vumi). The transport fields and {@code group}, {@code provider} and {@code helper_metadata} are copied
     * because transports rely on getting back what they sent; extra fields are not, they belong to this message's
     * journey.
     *
     * @param sessionEvent {@code null} to continue the session or {@link SessionEvent#CLOSE} to end it; an
     *                     application cannot start or resume a session
     */
    public UserMessage reply(String content, SessionEvent sessionEvent) {
        if (sessionEvent == SessionEvent.NEW || sessionEvent == SessionEvent.RESUME) {
            throw new IllegalArgumentException(
                    "a reply's session_event must be null (continue) or close, not " + sessionEvent);
        }
        Map<String, Object> routing = new LinkedHashMap<>(routingMetadata);
        if (routing.get("endpoint_name") == null) {
            routing.put("endpoint_name", DEFAULT_ENDPOINT);
        }
        return builder()
                .toAddr(fromAddr).fromAddr(toAddr).inReplyTo(messageId)
                .sessionEvent(sessionEvent).content(content)
                .transportName(transportName).transportType(transportType).transportMetadata(transportMetadata)
                .group(group).provider(provider)
                .routingMetadata(routing).helperMetadata(helperMetadata)
                .build();
    }

    /** Builds a {@link UserMessage}; {@link #build()} applies the record's checks. */
    public static final class Builder {
        private String messageId = Fields.newId();
        private String toAddr;
        private String fromAddr;
        private String inReplyTo;
        private SessionEvent sessionEvent;
        private String content;
        private String transportName;
        private String transportType;
        private Map<String, Object> transportMetadata = Map.of();
        private String group;
        private String provider;
        private String toAddrType;
        private String fromAddrType;
        private Instant timestamp = Instant.now();
        private Map<String, Object> routingMetadata = Map.of();
        private Map<String, Object> helperMetadata = Map.of();
        private Map<String, Object> extra = Map.of();

        private Builder() {
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder toAddr(String toAddr) {
            this.toAddr = toAddr;
            return this;
        }

        public Builder fromAddr(String fromAddr) {
            this.fromAddr = fromAddr;
            return this;
        }

        public Builder inReplyTo(String inReplyTo) {
            this.inReplyTo = inReplyTo;
            return this;
        }

        public Builder sessionEvent(SessionEvent sessionEvent) {
            this.sessionEvent = sessionEvent;
            return this;
        }

        public Builder content(String content) {
            this.content = content;
            return this;
        }

        public Builder transportName(String transportName) {
            this.transportName = transportName;
            return this;
        }

        public Builder transportType(String transportType) {
            this.transportType = transportType;
            return this;
        }

        public Builder transportMetadata(Map<String, Object> transportMetadata) {
            this.transportMetadata = transportMetadata;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder toAddrType(String toAddrType) {
            this.toAddrType = toAddrType;
            return this;
        }

        public Builder fromAddrType(String fromAddrType) {
            this.fromAddrType = fromAddrType;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder routingMetadata(Map<String, Object> routingMetadata) {
            this.routingMetadata = routingMetadata;
            return this;
        }

        public Builder helperMetadata(Map<String, Object> helperMetadata) {
            this.helperMetadata = helperMetadata;
            return this;
        }

        public Builder extra(Map<String, Object> extra) {
            this.extra = extra;
            return this;
        }

        public UserMessage build() {
            return new UserMessage(messageId, toAddr, fromAddr, inReplyTo, sessionEvent, content,
                    transportName, transportType, transportMetadata, group, provider, toAddrType, fromAddrType,
                    timestamp, routingMetadata, helperMetadata, extra);
        }
    }
}
