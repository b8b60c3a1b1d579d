package io.richmond.sdk.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vumi's JSON for {@link Message}s (protocols.md §5). Thread-safe; one shared instance is fine.
 *
 * <p>The mapping is written out field by field rather than left to annotations: Vumi's rules (which fields an event
 * writes, which nulls a user message writes, its datetime format, unknown fields kept) are then all in one place,
 * and every error names the field at fault.
 */
public final class MessageCodec {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private static final DateTimeFormatter WRITE_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    // Vumi writes six fraction digits but also parses none; other senders write fewer than six.
    private static final DateTimeFormatter READ_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public byte[] encode(Message message) {
        ObjectNode node;
        if (message instanceof UserMessage userMessage) {
            node = write(userMessage);
        } else if (message instanceof Event event) {
            node = write(event);
        } else if (message instanceof FailureMessage failure) {
            node = write(failure);
        } else {
            // Message is sealed: a status event is all that is left.
            node = write((StatusEvent) message);
        }
        message.extra().forEach((name, value) -> {
            if (node.has(name)) {
                throw new IllegalArgumentException("extra field " + name + " would overwrite the message's own");
            }
            node.set(name, mapper.valueToTree(value));
        });
        return mapper.writeValueAsBytes(node);
    }

    /** Reads any message, dispatching on {@code message_type}. */
    public Message decode(byte[] json) {
        return decode(json, Message.class);
    }

    /** Reads a message that must be a {@code type}. */
    public <T extends Message> T decode(byte[] json, Class<T> type) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JacksonException e) {
            throw new MessageFormatException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MessageFormatException("not JSON: the body is empty");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new MessageFormatException("a message must be a JSON object, got " + kind(tree));
        }
        Reader in = new Reader(object);
        String version = in.string("message_version");
        if (version == null) {
            throw new MessageFormatException("missing field message_version");
        }
        if (!version.equals(Message.MESSAGE_VERSION)) {
            throw new MessageFormatException(
                    "message_version is " + version + " but must be " + Message.MESSAGE_VERSION);
        }
        String messageType = in.string("message_type");
        if (messageType == null) {
            throw new MessageFormatException("missing field message_type");
        }
        Message message;
        try {
            message = switch (messageType) {
                case "user_message" -> readUserMessage(in);
                case "event" -> readEvent(in);
                case "failure_message" -> readFailure(in);
                case "status_event" -> readStatus(in);
                default -> throw new MessageFormatException("unknown message_type " + messageType);
            };
        } catch (IllegalArgumentException e) {
            // A record's own check: its text already names the field.
            throw new MessageFormatException(e.getMessage(), e);
        }
        if (!type.isInstance(message)) {
            throw new MessageFormatException(
                    "message_type is " + messageType + ", expected " + type.getSimpleName());
        }
        return type.cast(message);
    }

    /**
     * The body as JSON, or a JSON string holding its UTF-8 text when it is not JSON: what a {@link FailureMessage}
     * keeps of a body that could not be handled.
     */
    public JsonNode tree(byte[] body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree != null && !tree.isMissingNode()) {
                return tree;
            }
        } catch (JacksonException e) {
            // Not JSON: the raw text is all there is to keep.
        }
        return mapper.getNodeFactory().stringNode(new String(body, StandardCharsets.UTF_8));
    }

    private ObjectNode write(UserMessage message) {
        ObjectNode node = header("user_message", message);
        // Vumi's user messages carry every field, null or not.
        node.put("message_id", message.messageId());
        node.put("to_addr", message.toAddr());
        node.put("from_addr", message.fromAddr());
        node.put("in_reply_to", message.inReplyTo());
        node.put("session_event", wireName(message.sessionEvent()));
        node.put("content", message.content());
        node.put("transport_name", message.transportName());
        node.put("transport_type", message.transportType());
        node.set("transport_metadata", mapper.valueToTree(message.transportMetadata()));
        node.put("group", message.group());
        node.put("provider", message.provider());
        node.put("to_addr_type", message.toAddrType());
        node.put("from_addr_type", message.fromAddrType());
        return node;
    }

    private ObjectNode write(Event event) {
        ObjectNode node = header("event", event);
        // An event carries only the fields that are set: an ack has no nack_reason key at all.
        node.put("event_id", event.eventId());
        node.put("event_type", wireName(event.eventType()));
        node.put("user_message_id", event.userMessageId());
        putIfSet(node, "sent_message_id", event.sentMessageId());
        putIfSet(node, "nack_reason", event.nackReason());
        putIfSet(node, "delivery_status", wireName(event.deliveryStatus()));
        putIfSet(node, "transport_name", event.transportName());
        node.set("transport_metadata", mapper.valueToTree(event.transportMetadata()));
        return node;
    }

    private ObjectNode write(FailureMessage failure) {
        ObjectNode node = header("failure_message", failure);
        node.put("failure_code", wireName(failure.failureCode()));
        node.put("reason", failure.reason());
        node.set("message", failure.message());
        return node;
    }

    private ObjectNode write(StatusEvent status) {
        ObjectNode node = header("status_event", status);
        node.put("component", status.component());
        node.put("status", wireName(status.status()));
        node.put("type", status.type());
        node.put("message", status.message());
        node.set("reasons", mapper.valueToTree(status.reasons()));
        node.set("details", mapper.valueToTree(status.details()));
        return node;
    }

    private ObjectNode header(String messageType, Message message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("message_version", Message.MESSAGE_VERSION);
        node.put("message_type", messageType);
        node.put("timestamp", WRITE_FORMAT.format(message.timestamp()));
        node.set("routing_metadata", mapper.valueToTree(message.routingMetadata()));
        node.set("helper_metadata", mapper.valueToTree(message.helperMetadata()));
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    // Each constructor's arguments are evaluated left to right, so in.extra() comes last and sees every field read.

    private UserMessage readUserMessage(Reader in) {
        return new UserMessage(in.string("message_id"), in.string("to_addr"), in.string("from_addr"),
                in.string("in_reply_to"), in.enumValue("session_event", SessionEvent.class), in.string("content"),
                in.string("transport_name"), in.string("transport_type"), in.object("transport_metadata"),
                in.string("group"), in.string("provider"), in.string("to_addr_type"), in.string("from_addr_type"),
                in.timestamp(), in.object("routing_metadata"), in.object("helper_metadata"), in.extra());
    }

    private Event readEvent(Reader in) {
        return new Event(in.string("event_id"), in.enumValue("event_type", Event.EventType.class),
                in.string("user_message_id"), in.string("sent_message_id"), in.string("nack_reason"),
                in.enumValue("delivery_status", Event.DeliveryStatus.class), in.string("transport_name"),
                in.object("transport_metadata"),
                in.timestamp(), in.object("routing_metadata"), in.object("helper_metadata"), in.extra());
    }

    private FailureMessage readFailure(Reader in) {
        return new FailureMessage(in.value("message"),
                in.enumValue("failure_code", FailureMessage.FailureCode.class), in.string("reason"),
                in.timestamp(), in.object("routing_metadata"), in.object("helper_metadata"), in.extra());
    }

    private StatusEvent readStatus(Reader in) {
        return new StatusEvent(in.string("component"), in.enumValue("status", StatusEvent.Status.class),
                in.string("type"), in.string("message"), in.strings("reasons"), in.object("details"),
                in.timestamp(), in.object("routing_metadata"), in.object("helper_metadata"), in.extra());
    }

    private static String wireName(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** One message's JSON fields, remembering which were read so that the rest can be kept as extra fields. */
    private final class Reader {
        private final ObjectNode node;
        private final Set<String> read = new HashSet<>();

        Reader(ObjectNode node) {
            this.node = node;
        }

        /** The field's value; {@code null} when it is absent or JSON null, which Vumi treats alike. */
        JsonNode value(String name) {
            read.add(name);
            JsonNode value = node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String string(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isString()) {
                throw new MessageFormatException(name + " must be a string, got " + kind(value));
            }
            return value.stringValue();
        }

        Instant timestamp() {
            String text = string("timestamp");
            if (text == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(text, READ_FORMAT).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new MessageFormatException(
                        "timestamp is " + text + " but must be a UTC time like 2015-01-02 23:14:11.456000", e);
            }
        }

        <E extends Enum<E>> E enumValue(String name, Class<E> type) {
            String text = string(name);
            if (text == null) {
                return null;
            }
            E[] values = type.getEnumConstants();
            return Arrays.stream(values)
                    .filter(value -> wireName(value).equals(text))
                    .findFirst()
                    .orElseThrow(() -> new MessageFormatException(name + " is " + text + " but must be one of "
                            + Arrays.stream(values).map(MessageCodec::wireName).collect(Collectors.joining(", "))));
        }

        Map<String, Object> object(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                throw new MessageFormatException(name + " must be a JSON object, got " + kind(value));
            }
            return mapper.treeToValue(value, OBJECT);
        }

        List<String> strings(String name) {
            JsonNode value = value(name);
            if (value == null) {
                return null;
            }
            if (!value.isArray()) {
                throw new MessageFormatException(name + " must be a list of strings, got " + kind(value));
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isString()) {
                    throw new MessageFormatException(name + " must be a list of strings, got a " + kind(item));
                }
                strings.add(item.stringValue());
            }
            return strings;
        }

        /** The fields not read so far. */
        Map<String, Object> extra() {
            Map<String, Object> extra = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!read.contains(field.getKey())) {
                    extra.put(field.getKey(), mapper.treeToValue(field.getValue(), Object.class));
                }
            }
            return extra;
        }
    }
}
