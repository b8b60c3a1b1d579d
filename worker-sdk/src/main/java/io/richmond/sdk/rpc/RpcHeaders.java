package io.richmond.sdk.rpc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.rabbitmq.client.LongString;

/** The AMQP headers of edeposit.amqp's request/response protocol, which Richmond keeps so that its clients work. */
public final class RpcHeaders {

    /** Pairs a response with its request; Richmond also puts it in the {@code correlation_id} property. */
    public static final String UUID = "UUID";
    /** The failed handler's exception message; its presence marks a response as an error. */
    public static final String EXCEPTION = "exception";
    /** The exception's simple class name, e.g. {@code IllegalArgumentException}. */
    public static final String EXCEPTION_NAME = "exception_name";
    /** The exception's full class name, e.g. {@code java.lang.IllegalArgumentException}. */
    public static final String EXCEPTION_TYPE = "exception_type";

    private RpcHeaders() {
    }

    /**
     * The headers as a handler wants them: the client library delivers strings as {@link LongString}s, which
     * nobody means to compare or print.
     */
    public static Map<String, Object> readable(Map<String, Object> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, Object> readable = new LinkedHashMap<>();
        headers.forEach((name, value) -> readable.put(name, value instanceof LongString text ? text.toString() : value));
        return Collections.unmodifiableMap(readable);
    }

    /** A header as text, or null when it is absent or blank. */
    public static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }
}
