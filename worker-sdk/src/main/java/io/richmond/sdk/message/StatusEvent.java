package io.richmond.sdk.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The health of one component of a transport ({@code message_type} {@code status_event}, protocols.md §5.5), for
 * example {@code component} "request", {@code type} "request_parsed". As in Vumi, {@code component},
 * {@code status}, {@code type} and {@code message} are required.
 */
public record StatusEvent(String component, Status status, String type, String message, List<String> reasons,
        Map<String, Object> details, Instant timestamp, Map<String, Object> routingMetadata,
        Map<String, Object> helperMetadata, Map<String, Object> extra) implements Message {

    /** Written in JSON in lower case. */
    public enum Status {
        OK, DEGRADED, DOWN
    }

    public StatusEvent {
        Fields.required(component, "component");
        Fields.required(status, "status");
        Fields.required(type, "type");
        Fields.required(message, "message");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        details = Fields.map(details);
        timestamp = Fields.timestamp(timestamp);
        routingMetadata = Fields.map(routingMetadata);
        helperMetadata = Fields.map(helperMetadata);
        extra = Fields.map(extra);
    }

    /** A status event without extra fields. */
    public StatusEvent(String component, Status status, String type, String message, List<String> reasons,
            Map<String, Object> details, Instant timestamp, Map<String, Object> routingMetadata,
            Map<String, Object> helperMetadata) {
        this(component, status, type, message, reasons, details, timestamp, routingMetadata, helperMetadata,
                Map.of());
    }
}
