package io.richmond.sms.clickatell;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.richmond.sms.webhook.DeliveryReceipt;
import io.richmond.sms.webhook.FormData;
import io.richmond.sms.webhook.InboundSms;
import io.richmond.sms.webhook.Printable;
import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.xml.SafeXml;
import io.richmond.sms.xml.XmlElement;
import io.richmond.sms.xml.XmlParseException;

/**
 * Reads what Clickatell posts: delivery-status callbacks (protocols.md §2.3) and inbound SMS (§2.2), as parameters
 * or as XML in a {@code data} parameter ({@code <callback>}, {@code <clickmo>}).
 */
final class ClickatellCallbacks {

    static final DateTimeFormatter RICHMOND_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private final ZoneOffset moTimeZone;

    ClickatellCallbacks(ZoneOffset moTimeZone) {
        this.moTimeZone = moTimeZone;
    }

    DeliveryReceipt receipt(FormData form) {
        Map<String, String> fields = fields(form, "callback");
        String apiMsgId = required(fields, "apiMsgId");
        String status = required(fields, "status");
        String cliMsgId = fields.get("cliMsgId");
        String timestamp = fields.get("timestamp");
        return new DeliveryReceipt(cliMsgId == null || cliMsgId.isBlank() ? apiMsgId : cliMsgId.strip(), apiMsgId,
                status, ClickatellStatus.of(status), timestamp == null || timestamp.isBlank() ? null
                        : unixTime(timestamp.strip()), fields);
    }

    InboundSms inbound(FormData form) {
        Map<String, String> fields = fields(form, "clickmo");
        String timestamp = fields.get("timestamp");
        String charset = fields.get("charset");
        return new InboundSms(required(fields, "to"), required(fields, "from"), present(fields, "text"),
                required(fields, "moMsgId"),
                timestamp == null || timestamp.isBlank() ? RICHMOND_TIME.format(LocalDateTime.now(ZoneOffset.UTC))
                        : moTime(timestamp.strip()),
                charset == null || charset.isBlank() ? null : charset, fields.get("udh"), null);
    }

    /** The call's fields: the parameters, or the elements of the XML in {@code data}. */
    private static Map<String, String> fields(FormData form, String xmlRoot) {
        String data = form.get("data");
        if (data == null || data.isBlank()) {
            return form.values();
        }
        XmlElement root;
        try {
            root = SafeXml.parse(data.strip());
        } catch (XmlParseException e) {
            throw WebhookException.badRequest("Malformed XML in data: " + e.getMessage());
        }
        if (!root.name().equals(xmlRoot)) {
            throw WebhookException.badRequest("Expected <" + xmlRoot + "> in data, got <" + root.name() + ">");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        root.children().forEach(child -> fields.putIfAbsent(child.name(), child.text()));
        return fields;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = present(fields, name);
        if (value.isBlank()) {
            throw WebhookException.badRequest("Missing field: " + name);
        }
        return value.strip();
    }

    /** A field that must be there but may be empty, like an SMS's text. */
    private static String present(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw WebhookException.badRequest("Missing field: " + name);
        }
        return value;
    }

    private static String unixTime(String seconds) {
        try {
            return RICHMOND_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(seconds)),
                    ZoneOffset.UTC));
        } catch (NumberFormatException | DateTimeException e) {
            // DateTimeException: a number of seconds beyond the years Instant can hold.
            throw WebhookException.badRequest("Field timestamp must be Unix seconds, got " + Printable.of(seconds));
        }
    }

    private String moTime(String local) {
        try {
            return RICHMOND_TIME.format(LocalDateTime.parse(local, RICHMOND_TIME).atOffset(moTimeZone)
                    .withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw WebhookException.badRequest("Field timestamp must be YYYY-MM-DD HH:MM:SS, got " + Printable.of(local));
        }
    }
}
