package io.richmond.simulators.clickatell;

import io.richmond.simulators.http.Forms;
import io.richmond.simulators.http.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells sms-transport that an accepted SMS reached the phone, as Clickatell's delivery-status callback does
 * (protocols.md §2.3, fixture {@code clickatell/receipt.txt}): a form POST with status {@code 004}.
 */
final class ClickatellReceipts {

    static final String PATH = "/api/v1/sms/clickatell/receipt.json";
    static final String RECEIVED_BY_RECIPIENT = "004";
    /** What Clickatell charged, in credits; nothing reads it but it is always there. */
    private static final String CHARGE = "0.300000";

    private final Webhooks webhooks;
    private final Duration delay;

    ClickatellReceipts(Webhooks webhooks, Duration delay) {
        this.webhooks = webhooks;
        this.delay = delay;
    }

    Duration delay() {
        return delay;
    }

    /** Posts the receipt for {@code sms} after the delay. */
    void deliver(AcceptedSms sms) {
        byte[] body = Forms.encode(receipt(sms, Instant.now().plus(delay))).getBytes(StandardCharsets.UTF_8);
        webhooks.postLater(delay, PATH, "application/x-www-form-urlencoded", body,
                "clickatell: receipt " + RECEIVED_BY_RECIPIENT + " (Received by recipient) for ID " + sms.apiMsgId());
    }

    /** The fields in the fixture's order. */
    static Map<String, String> receipt(AcceptedSms sms, Instant deliveredAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_id", sms.apiId());
        fields.put("apiMsgId", sms.apiMsgId());
        fields.put("cliMsgId", sms.cliMsgId());
        fields.put("timestamp", String.valueOf(deliveredAt.getEpochSecond()));
        fields.put("to", sms.to());
        fields.put("from", sms.from());
        fields.put("status", RECEIVED_BY_RECIPIENT);
        fields.put("charge", CHARGE);
        return fields;
    }
}
