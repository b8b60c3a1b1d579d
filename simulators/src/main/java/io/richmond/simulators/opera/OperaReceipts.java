package io.richmond.simulators.opera;

import io.richmond.simulators.http.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells sms-transport that an accepted SMS was delivered, as Opera does (protocols.md §3.2, fixture
 * {@code opera/receipt.xml}): one {@code <receipts>} document per SendSMS call, a {@code <receipt>} per number, status
 * {@code D}.
 */
final class OperaReceipts {

    static final String PATH = "/api/v1/sms/opera/receipt.json";
    static final String DELIVERED = "D";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss", Locale.ROOT);

    private final Webhooks webhooks;
    private final Duration delay;
    /** Opera's own message ids are numbers. */
    private final AtomicLong msgIds = new AtomicLong();

    OperaReceipts(Webhooks webhooks, Duration delay) {
        this.webhooks = webhooks;
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    /** Posts the receipts after the delay. */
    void deliver(String reference, List<String> numbers) {
        String xml = receipts(reference, numbers, LocalDateTime.now(ZoneOffset.UTC).plus(delay));
        webhooks.postLater(delay, PATH, "text/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8),
                "opera: receipt " + DELIVERED + " for Identifier " + reference);
    }

    String receipts(String reference, List<String> numbers, LocalDateTime deliveredAt) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE receipts>\n<receipts>\n");
        for (String number : numbers) {
            xml.append("  <receipt>\n")
                    .append("    <msgid>").append(msgIds.incrementAndGet()).append("</msgid>\n")
                    .append("    <reference>").append(XmlRpcResponses.escape(reference)).append("</reference>\n")
                    .append("    <msisdn>").append(number.startsWith("+") ? number : "+" + number).append("</msisdn>\n")
                    .append("    <status>").append(DELIVERED).append("</status>\n")
                    .append("    <timestamp>").append(TIMESTAMP.format(deliveredAt)).append("</timestamp>\n")
                    .append("    <billed>NO</billed>\n")
                    .append("  </receipt>\n");
        }
        return xml.append("</receipts>\n").toString();
    }
}
