package io.richmond.sdk.message;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A message that could not be handled, on its way to the failure worker ({@code message_type}
 * {@code failure_message}, protocols.md §5.5).
 *
 * <p>{@code message} is the failed message's JSON; when the body was not JSON at all it is a string node holding the
 * raw text ({@link MessageCodec#tree(byte[])}), so that nothing received is lost. It is kept as JSON rather than a
 * {@link Message} because the failure may be that it is not a valid message.
 */
public record FailureMessage(JsonNode message, FailureCode failureCode, String reason,
        Instant timestamp, Map<String, Object> routingMetadata, Map<String, Object> helperMetadata,
        Map<String, Object> extra) implements Message {

    /** Whether retrying can help; written in JSON in lower case, and {@code null} when unknown. */
    public enum FailureCode {
        PERMANENT, TEMPORARY
    }

    public FailureMessage {
        if (message == null || message.isNull() || message.isMissingNode()) {
            throw new IllegalArgumentException("missing field message");
        }
        // JsonNode is mutable: copy it in and out so that the record stays a value.
        message = message.deepCopy();
        timestamp = Fields.timestamp(timestamp);
        routingMetadata = Fields.map(routingMetadata);
        helperMetadata = Fields.map(helperMetadata);
        extra = Fields.map(extra);
    }

    /** A failure message without extra fields. */
    public FailureMessage(JsonNode message, FailureCode failureCode, String reason, Instant timestamp,
            Map<String, Object> routingMetadata, Map<String, Object> helperMetadata) {
        this(message, failureCode, reason, timestamp, routingMetadata, helperMetadata, Map.of());
    }

    /** A copy of the failed message's JSON. */
    @Override
    public JsonNode message() {
        return message.deepCopy();
    }

    /**
     * @param failedMessage the failed message's JSON, see {@link MessageCodec#tree(byte[])}
     * @param code          {@code null} when it is not known whether a retry can succeed
     * @param reason        what went wrong, typically a stack trace
     */
    public static FailureMessage of(JsonNode failedMessage, FailureCode code, String reason) {
        return new FailureMessage(failedMessage, code, reason, Instant.now(), Map.of(), Map.of());
    }
}
