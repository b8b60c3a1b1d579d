package io.richmond.sdk.message;

import java.time.Instant;
import java.util.Map;

/**
 * Vumi's message envelope: the fields every message on the bus carries (protocols.md §5.2). Encode and decode
 * messages with {@link MessageCodec}.
 */
public sealed interface Message permits UserMessage, Event, FailureMessage, StatusEvent {

    /** The only {@code message_version} Vumi has ever used; a message with any other version is rejected. */
    String MESSAGE_VERSION = "20110921";

    /** When the message was created, in UTC; kept to the microsecond because that is all the JSON carries. */
    Instant timestamp();

    /** Where the message travels, for example {@code endpoint_name}. */
    Map<String, Object> routingMetadata();

    /** Data for dispatchers and side components, opaque to transports and applications. */
    Map<String, Object> helperMetadata();

    /**
     * Top-level JSON fields this model has no component for, such as the failure worker's {@code retry_metadata}:
     * kept so that a message passes through Richmond without losing what other Vumi components put in it.
     */
    Map<String, Object> extra();
}
