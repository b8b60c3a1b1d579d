package io.richmond.sms.opera;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.richmond.sms.xml.SafeXml;
import io.richmond.sms.xml.XmlElement;
import io.richmond.sms.xml.XmlParseException;

/**
 * The part of XML-RPC that Opera's gateway needs. Calls are written the way Python's {@code xmlrpclib} writes them
 * (the line breaks included), because that is what Opera has always been sent.
 */
final class XmlRpc {

    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss", Locale.ROOT);

    /** A {@code <base64>} value. */
    record Binary(byte[] bytes) {
    }

    /** The answer to a call: a value, or a {@code <fault>}. */
    sealed interface Response {
    }

    record Success(Object value) implements Response {
    }

    record Fault(int code, String text) implements Response {
    }

    private XmlRpc() {
    }

    /**
     * @param params strings, ints, booleans, {@link LocalDateTime}s, {@link Binary}s, lists and (ordered) maps
     */
    static byte[] call(String method, List<Object> params) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
                .append(escape(method)).append("</methodName>\n<params>\n");
        for (Object param : params) {
            xml.append("<param>\n");
            value(xml, param);
            xml.append("</param>\n");
        }
        xml.append("</params>\n</methodCall>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder xml, Object value) {
        if (value instanceof String text) {
            xml.append("<value><string>").append(escape(text)).append("</string></value>\n");
        } else if (value instanceof Integer number) {
            xml.append("<value><int>").append(number).append("</int></value>\n");
        } else if (value instanceof Boolean flag) {
            xml.append("<value><boolean>").append(flag ? 1 : 0).append("</boolean></value>\n");
        } else if (value instanceof LocalDateTime time) {
            xml.append("<value><dateTime.iso8601>").append(DATE_TIME.format(time))
                    .append("</dateTime.iso8601></value>\n");
        } else if (value instanceof Binary binary) {
            xml.append("<value><base64>\n").append(Base64.getMimeEncoder(76, new byte[] {'\n'})
                    .encodeToString(binary.bytes())).append("\n</base64></value>\n");
        } else if (value instanceof Map<?, ?> struct) {
            xml.append("<value><struct>\n");
            struct.forEach((name, member) -> {
                xml.append("<member>\n<name>").append(escape(name.toString())).append("</name>\n");
                value(xml, member);
                xml.append("</member>\n");
            });
            xml.append("</struct></value>\n");
        } else if (value instanceof List<?> array) {
            xml.append("<value><array><data>\n");
            array.forEach(item -> value(xml, item));
            xml.append("</data></array></value>\n");
        } else {
            throw new IllegalArgumentException("XML-RPC cannot carry " + value);
        }
    }

    /** Reads a {@code <methodResponse>}. */
    static Response response(byte[] body) throws XmlRpcException {
        XmlElement root;
        try {
            root = SafeXml.parse(body);
        } catch (XmlParseException e) {
            throw new XmlRpcException("not XML: " + e.getMessage());
        }
        if (!root.name().equals("methodResponse")) {
            throw new XmlRpcException("expected <methodResponse>, got <" + root.name() + ">");
        }
        if (root.child("fault").isPresent()) {
            Object fault = value(root.child("fault").get().child("value")
                    .orElseThrow(() -> new XmlRpcException("<fault> without a value")));
            if (!(fault instanceof Map<?, ?> struct)) {
                throw new XmlRpcException("<fault> without a struct");
            }
            Object code = struct.get("faultCode");
            return new Fault(code instanceof Integer number ? number : 0, String.valueOf(struct.get("faultString")));
        }
        XmlElement value = root.child("params").flatMap(params -> params.child("param"))
                .flatMap(param -> param.child("value"))
                .orElseThrow(() -> new XmlRpcException("<methodResponse> without <params><param><value>"));
        return new Success(value(value));
    }

    private static Object value(XmlElement value) throws XmlRpcException {
        if (value.children().isEmpty()) {
            // A value without a type element is a string.
            return value.text();
        }
        XmlElement typed = value.children().get(0);
        String text = typed.text().strip();
        try {
            return switch (typed.name()) {
                case "string" -> typed.text();
                case "int", "i4", "i8" -> Integer.valueOf(text);
                case "boolean" -> text.equals("1");
                case "double" -> Double.valueOf(text);
                case "dateTime.iso8601" -> LocalDateTime.parse(text, DATE_TIME);
                case "base64" -> new Binary(Base64.getMimeDecoder().decode(text));
                case "nil" -> null;
                case "struct" -> struct(typed);
                case "array" -> array(typed);
                default -> throw new XmlRpcException("unknown XML-RPC type <" + typed.name() + ">");
            };
        } catch (RuntimeException e) {
            throw new XmlRpcException("bad <" + typed.name() + "> value '" + text + "'");
        }
    }

    private static Map<String, Object> struct(XmlElement struct) throws XmlRpcException {
        Map<String, Object> members = new LinkedHashMap<>();
        for (XmlElement member : struct.children("member")) {
            String name = member.childText("name").orElseThrow(() -> new XmlRpcException("<member> without name"));
            members.put(name, value(member.child("value")
                    .orElseThrow(() -> new XmlRpcException("<member> " + name + " without value"))));
        }
        return members;
    }

    private static List<Object> array(XmlElement array) throws XmlRpcException {
        List<Object> items = new ArrayList<>();
        for (XmlElement item : array.child("data").map(data -> data.children("value")).orElse(List.of())) {
            items.add(value(item));
        }
        return items;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An answer that is not XML-RPC. */
    static final class XmlRpcException extends Exception {
        private static final long serialVersionUID = 1L;

        XmlRpcException(String message) {
            super(message);
        }
    }
}
