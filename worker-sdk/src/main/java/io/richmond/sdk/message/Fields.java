package io.richmond.sdk.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The validation and defaults the message records share. */
final class Fields {

    private Fields() {
    }

    /** Vumi's {@code uuid4().hex}: 32 lower-case hex digits, no dashes. */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Names the JSON field so that {@link MessageCodec} can pass the text on unchanged: the same check then serves
     * messages built in code and messages read off the bus.
     */
    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    /** Truncated to the microsecond so that a message equals itself after a trip through JSON. */
    static Instant timestamp(Instant timestamp) {
        return required(timestamp, "timestamp").truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A deep, unmodifiable copy, so that a message can be shared between threads and a reply cannot change the
     * metadata of the message it answers. Not {@code Map.copyOf}: JSON objects may hold nulls and their order is
     * worth keeping.
     */
    static Map<String, Object> map(Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, frozen(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, frozen(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
