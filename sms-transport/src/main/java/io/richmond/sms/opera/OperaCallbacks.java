package io.richmond.sms.opera;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.richmond.sms.webhook.DeliveryReceipt;
import io.richmond.sms.webhook.InboundSms;
import io.richmond.sms.webhook.Printable;
import io.richmond.sms.webhook.WebhookException;
import io.richmond.sms.xml.XmlElement;

/** Reads what Opera posts: {@code <receipts>} (protocols.md §3.2) and {@code <bspostevent>} inbound SMS (§3.3). */
final class OperaCallbacks {

    private static final DateTimeFormatter RICHMOND_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RECEIVE_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss Z", Locale.ROOT);
    private static final List<String> REQUIRED_INBOUND = List.of("Local", "Remote", "Text", "MessageID",
            "MobileNetwork");

    /**
     * The receipts of one post: those that can be reported, and those that cannot (no reference or status, a bad
     * timestamp), each with every field as received.
     */
    record Receipts(List<DeliveryReceipt> readable, List<Map<String, String>> unreadable) {
    }

    Receipts receipts(XmlElement root) {
        if (!root.name().equals("receipts")) {
            throw WebhookException.badRequest("Expected <receipts>, got <" + root.name() + ">");
        }
        List<XmlElement> elements = root.children("receipt");
        if (elements.isEmpty()) {
            throw WebhookException.badRequest("Missing element: receipt");
        }
        List<DeliveryReceipt> readable = new ArrayList<>();
        List<Map<String, String>> unreadable = new ArrayList<>();
        for (XmlElement element : elements) {
            Map<String, String> fields = new LinkedHashMap<>();
            element.children().forEach(child -> fields.putIfAbsent(child.name(), child.text().strip()));
            String reference = fields.getOrDefault("reference", "");
            String status = fields.getOrDefault("status", "");
            String timestamp = receiptTime(fields.get("timestamp"));
            if (reference.isEmpty() || status.isEmpty() || "".equals(timestamp)) {
                unreadable.add(fields);
            } else {
                readable.add(new DeliveryReceipt(reference, reference, status, OperaStatus.of(status), timestamp,
                        fields));
            }
        }
        return new Receipts(readable, unreadable);
    }

    InboundSms inbound(XmlElement root, String charset) {
        if (!root.name().equals("bspostevent")) {
            throw WebhookException.badRequest("Expected <bspostevent>, got <" + root.name() + ">");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (XmlElement field : root.children("field")) {
            String name = field.attributes().get("name");
            if (name != null) {
                fields.putIfAbsent(name, field.text().strip());
            }
        }
        for (String name : REQUIRED_INBOUND) {
            if (!fields.containsKey(name)) {
                throw WebhookException.badRequest("Missing field: " + name);
            }
        }
        String received = fields.get("ReceiveDate");
        return new InboundSms(fields.get("Local"), fields.get("Remote"), fields.get("Text"),
                fields.get("MessageID"), received == null || received.isEmpty()
                        ? RICHMOND_TIME.format(LocalDateTime.now(ZoneOffset.UTC)) : receiveDate(received),
                charset, null, fields.get("MobileNetwork"));
    }

    /** {@code 20080831T15:59:24} as {@code 2008-08-31 15:59:24}; null when absent, {@code ""} when unreadable. */
    private static String receiptTime(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return null;
        }
        try {
            return RICHMOND_TIME.format(LocalDateTime.parse(timestamp, XmlRpc.DATE_TIME));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static String receiveDate(String date) {
        try {
            return RICHMOND_TIME.format(OffsetDateTime.parse(date, RECEIVE_DATE).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw WebhookException.badRequest("Field ReceiveDate must be YYYY-MM-DD HH:MM:SS +ZZZZ, got " + Printable.of(date));
        }
    }
}
